import closeWithGrace from 'close-with-grace';
import { loadWebhookSigningKey } from '@medido/auth';
import { createCatalogStore } from '@medido/catalog';
import { createEventBus } from '@medido/event-bus';
import { createMeasurementsStore } from '@medido/measurements';
import { webhookWorker } from '@medido/notifications';
import { loadConfig, createLogger } from '@medido/platform';
import { buildNotifierApp } from './app.ts';

/** The notifier process: Kafka (measurements) → the change log in MongoDB, read by the api's feed and stream, and the webhooks. */
const config = loadConfig();
const logger = createLogger(config, 'notifier');
const bus = createEventBus(config, { role: 'notifier', logger });
const measurements = createMeasurementsStore(config);
const catalog = createCatalogStore(config);

// The same key as the api's (MEDIDO_WEBHOOK_SIGNING_KEY): the deliverer derives the secrets the api showed.
const signingKey = await loadWebhookSigningKey({
  configured: config.MEDIDO_WEBHOOK_SIGNING_KEY,
  dir: config.MEDIDO_DATA_DIR,
});
const workers = [webhookWorker({ catalog, config, signingKey })];
const app = await buildNotifierApp({ bus, catalog, measurements, logger, config, workers });
await app.http.listen({ port: config.PORT, host: config.HOST });

closeWithGrace({ delay: 20_000 }, async ({ err, signal }) => {
  if (err) logger.error({ err }, 'notifier stopping after an error');
  else logger.info({ signal }, 'notifier stopping: finishing the current batch');
  await app.close();
  await bus.close();
  await Promise.all([measurements.close(), catalog.close()]);
});
