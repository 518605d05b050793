import closeWithGrace from 'close-with-grace';
import { createCatalogStore } from '@medido/catalog';
import { createEventBus, medidoTopics } from '@medido/event-bus';
import { createConsumerRegistry } from '@medido/ingest';
import { ConfigError, loadConfig, createLogger, splitList } from '@medido/platform';
import { buildIngestorApp } from './app.ts';

// The standalone ingestor (production): config → logger → Kafka → HTTP. Stops gracefully on
// SIGTERM/SIGINT: the server stops taking requests, those in flight finish, then the producer
// disconnects (nothing acknowledged is lost: acknowledgement means the broker has it).
let config;
try {
  config = loadConfig();
  if (splitList(config.MEDIDO_KAFKA_BROKERS).length === 0)
    throw new ConfigError(
      'MEDIDO_KAFKA_BROKERS is required for the standalone ingestor (npm start runs the embedded default)',
    );
  if (!config.MEDIDO_INGEST_TOKENS && !config.MEDIDO_ADMIN_TOKENS)
    throw new ConfigError('set MEDIDO_INGEST_TOKENS and/or MEDIDO_ADMIN_TOKENS (see docs/credentials.md)');
} catch (error) {
  console.error(`ingestor: ${(error as Error).message}`);
  process.exit(1);
}

const logger = createLogger(config, 'ingestor');
const bus = createEventBus(config, { role: 'ingestor', logger });
// The admin commands' uniqueness guard: MongoDB (MEDIDO_MONGO_URL) for several replicas, else a file in
// MEDIDO_DATA_DIR that guards this one process (libs/ingest README § Admin commands).
const registry = createConsumerRegistry(config);
// Admin reads (GET /v1/admin/consumers, /v1/admin/access) come from the catalog read model the projector
// writes, when this deployment has one (MongoDB); without it those routes are not served here.
const catalog = config.MEDIDO_MONGO_URL ? createCatalogStore(config) : undefined;
const app = buildIngestorApp({ config, bus, logger, registry, ...(catalog ? { consumers: catalog } : {}) });

closeWithGrace({ delay: 15_000 }, async ({ err, signal }) => {
  if (err) logger.error({ err }, 'stopping after an error');
  else logger.info({ signal }, 'stopping');
  await app.close();
  await bus.close();
  await registry.close();
  await catalog?.close();
});

try {
  await bus.ensureTopics(medidoTopics());
  await registry.migrate();
  await app.listen({ port: config.PORT, host: config.HOST });
} catch (error) {
  logger.fatal({ err: error }, 'ingestor could not start');
  await bus.close();
  await registry.close();
  process.exit(1);
}
