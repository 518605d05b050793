import closeWithGrace from 'close-with-grace';
import { createCatalogStore } from '@medido/catalog';
import { createEventBus } from '@medido/event-bus';
import { createMeasurementsStore } from '@medido/measurements';
import { loadConfig, createLogger } from '@medido/platform';
import { buildProjectorApp } from './app.ts';

/** The projector process: Kafka → ClickHouse (measurements) and MongoDB (catalog, consumers). */
const config = loadConfig();
const logger = createLogger(config, 'projector');
const bus = createEventBus(config, { role: 'projector', logger });
const measurements = createMeasurementsStore(config);
const catalog = createCatalogStore(config);

const app = await buildProjectorApp({
  bus,
  measurements,
  catalog,
  logger,
  config,
  stuckAfterAttempts: config.MEDIDO_PROJECTOR_STUCK_AFTER_ATTEMPTS,
});
await app.http.listen({ port: config.PORT, host: config.HOST });

closeWithGrace({ delay: 20_000 }, async ({ err, signal }) => {
  if (err) logger.error({ err }, 'projector stopping after an error');
  else logger.info({ signal }, 'projector stopping: finishing the current batches');
  // Stop consuming first (the current batch finishes and commits), then release the stores.
  await app.close();
  await bus.close();
  await Promise.all([measurements.close(), catalog.close()]);
});
