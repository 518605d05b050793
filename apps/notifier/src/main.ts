import closeWithGrace from 'close-with-grace';
import { createCatalogStore } from '@medido/catalog';
import { createEventBus } from '@medido/event-bus';
import { createMeasurementsStore } from '@medido/measurements';
import { loadConfig, createLogger } from '@medido/platform';
import { buildNotifierApp } from './app.ts';

/** The notifier process: Kafka (measurements) → the change log in MongoDB, read by the api's feed and stream. */
const config = loadConfig();
const logger = createLogger(config, 'notifier');
const bus = createEventBus(config, { role: 'notifier', logger });
const measurements = createMeasurementsStore(config);
const catalog = createCatalogStore(config);

const app = await buildNotifierApp({ bus, catalog, measurements, logger, config });
await app.http.listen({ port: config.PORT, host: config.HOST });

closeWithGrace({ delay: 20_000 }, async ({ err, signal }) => {
  if (err) logger.error({ err }, 'notifier stopping after an error');
  else logger.info({ signal }, 'notifier stopping: finishing the current batch');
  await app.close();
  await bus.close();
  await Promise.all([measurements.close(), catalog.close()]);
});
