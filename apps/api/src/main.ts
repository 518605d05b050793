import closeWithGrace from 'close-with-grace';
import { pino } from 'pino';
import { loadSigningKeys } from '@medido/auth';
import { createCatalogStore } from '@medido/catalog';
import { createMeasurementsStore } from '@medido/measurements/create-measurements-store';
import { ConfigError, loadConfig, loggerOptions, type Config } from '@medido/platform';
import { buildApiApp } from './app.ts';

// The standalone api (production): config → logger → keys and stores → HTTP. Stateless: any number of
// replicas behind a load balancer, sharing MEDIDO_JWT_KEYS. Stops gracefully on SIGTERM/SIGINT: the
// server stops taking requests, those in flight finish, then the stores close.
let config: Config;
try {
  config = loadConfig();
  if (!config.MEDIDO_OIDC_ISSUER) throw new ConfigError('MEDIDO_OIDC_ISSUER is required for the standalone api (npm start runs the embedded default with its own provider)');
  if (!config.MEDIDO_OIDC_CLIENT_SECRET) throw new ConfigError('MEDIDO_OIDC_CLIENT_SECRET is required: the api exchanges login codes as a confidential client');
} catch (error) {
  console.error(`api: ${(error as Error).message}`);
  process.exit(1);
}

const logger = pino(loggerOptions(config.LOG_LEVEL, 'api'));
const catalog = createCatalogStore(config);
const measurements = createMeasurementsStore(config);

try {
  const keys = await loadSigningKeys({ json: config.MEDIDO_JWT_KEYS, dir: config.MEDIDO_DATA_DIR });
  // Both are idempotent: the api writes refresh-token families, and a fresh engine needs its tables.
  await catalog.migrate();
  await measurements.migrate();
  const app = buildApiApp({ config, catalog, measurements, keys, logger });

  closeWithGrace({ delay: 15_000 }, async ({ err, signal }) => {
    if (err) logger.error({ err }, 'stopping after an error');
    else logger.info({ signal }, 'stopping');
    await app.close();
    await Promise.all([catalog.close(), measurements.close()]);
  });

  await app.listen({ port: config.PORT, host: config.HOST });
} catch (error) {
  logger.fatal({ err: error }, 'api could not start');
  await Promise.allSettled([catalog.close(), measurements.close()]);
  process.exit(1);
}
