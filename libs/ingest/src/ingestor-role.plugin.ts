import type { FastifyInstance } from 'fastify';
import { addReadinessCheck, type Config, type Metrics } from '@medido/platform';
import { Credentials } from './credentials/credentials.ts';
import { ingestorPlugin, type IngestorPluginOptions } from './ingestor.plugin.ts';

/** The plugin's options the role does not derive from the configuration (the bus, the read models, a clock). */
export type IngestorRoleOptions = Omit<
  IngestorPluginOptions,
  'credentials' | 'maxBodyBytes' | 'docsPrefix' | 'onIngested'
> & {
  config: Config;
  metrics: Metrics;
};

/**
 * The ingestor role on a host instance (`createHttpApp`): credentials from MEDIDO_INGEST_TOKENS and
 * MEDIDO_ADMIN_TOKENS (checked here, so an unusable list throws at once rather than at the first
 * request), the ingest and admin routes with their own /ingestor document, accepted and rejected items
 * counted on /metrics, and readiness that waits for the event bus. Encapsulated like `ingestorPlugin`,
 * so it can sit beside the api.
 */
export function ingestorRole(options: IngestorRoleOptions): (app: FastifyInstance) => Promise<void> {
  const { config, metrics, ...pluginOptions } = options;
  const credentials = Credentials.fromLists({ ingest: config.MEDIDO_INGEST_TOKENS, admin: config.MEDIDO_ADMIN_TOKENS });
  return async (app) => {
    addReadinessCheck(app, { name: 'event-bus', check: () => options.bus.ping() });
    await app.register(ingestorPlugin, {
      ...pluginOptions,
      credentials,
      maxBodyBytes: config.MEDIDO_INGEST_MAX_BODY_BYTES,
      docsPrefix: '/ingestor',
      onIngested: (accepted, rejected, items) => {
        if (items === 'readings') metrics.ingestedReadings.inc(accepted);
        for (const { code } of rejected) metrics.rejectedItems.inc({ code });
      },
    });
  };
}
