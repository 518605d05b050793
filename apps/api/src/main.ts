import closeWithGrace from 'close-with-grace';
import { loadSigningKeys, loadWebhookSigningKey } from '@medido/auth';
import { createCatalogStore } from '@medido/catalog';
import { createEventBus } from '@medido/event-bus';
import { createMeasurementsStore } from '@medido/measurements';
import { ConfigError, loadConfig, createLogger, splitList, type Config } from '@medido/platform';
import { buildApiApp } from './app.ts';

// The standalone api (production): config → logger → keys and stores → HTTP. Stateless: any number of
// replicas behind a load balancer, sharing MEDIDO_JWT_KEYS. Stops gracefully on SIGTERM/SIGINT: the
// server stops taking requests, those in flight finish, then the stores close.
let config: Config;
try {
  config = loadConfig();
  if (!config.MEDIDO_OIDC_ISSUER)
    throw new ConfigError(
      'MEDIDO_OIDC_ISSUER is required for the standalone api (npm start runs the embedded default with its own provider)',
    );
  // The api publishes who read what (access records): to a bus the projector reads, not to a local file.
  if (splitList(config.MEDIDO_KAFKA_BROKERS).length === 0)
    throw new ConfigError('MEDIDO_KAFKA_BROKERS is required for the standalone api: it publishes the access records');
  if (!config.MEDIDO_OIDC_CLIENT_SECRET)
    throw new ConfigError(
      'MEDIDO_OIDC_CLIENT_SECRET is required: the api exchanges login codes as a confidential client',
    );
} catch (error) {
  console.error(`api: ${(error as Error).message}`);
  process.exit(1);
}

const logger = createLogger(config, 'api');
const catalog = createCatalogStore(config);
const measurements = createMeasurementsStore(config);
const bus = createEventBus(config, { role: 'api', logger });

try {
  const keys = await loadSigningKeys({ json: config.MEDIDO_JWT_KEYS, dir: config.MEDIDO_DATA_DIR });
  // Shared with the notifier, which derives the same secrets to sign (set MEDIDO_WEBHOOK_SIGNING_KEY on both).
  const webhookSigningKey = await loadWebhookSigningKey({
    configured: config.MEDIDO_WEBHOOK_SIGNING_KEY,
    dir: config.MEDIDO_DATA_DIR,
  });
  // Both are idempotent: the api writes refresh-token families, and a fresh engine needs its tables.
  await catalog.migrate();
  await measurements.migrate();
  const app = buildApiApp({ config, catalog, measurements, keys, logger, accessEvents: bus, webhookSigningKey });

  closeWithGrace({ delay: 15_000 }, async ({ err, signal }) => {
    if (err) logger.error({ err }, 'stopping after an error');
    else logger.info({ signal }, 'stopping');
    await app.close(); // flushes the access records to the bus first
    await Promise.all([catalog.close(), measurements.close(), bus.close()]);
  });

  await app.listen({ port: config.PORT, host: config.HOST });
} catch (error) {
  logger.fatal({ err: error }, 'api could not start');
  await Promise.allSettled([catalog.close(), measurements.close(), bus.close()]);
  process.exit(1);
}
