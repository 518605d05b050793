import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { SigningKey } from '@medido/auth';
import type { CatalogStore } from '@medido/catalog';
import type { MeasurementsStore } from '@medido/measurements';
import { createHttpApp, createMetrics, publicUrlOf, type Config, type Metrics } from '@medido/platform';
import { apiRole, type AccessEventPublisher } from '@medido/read-api';

export interface ApiAppOptions {
  config: Config;
  /** Catalog read model and refresh-token families (the api writes only those). */
  catalog: CatalogStore;
  measurements: Pick<MeasurementsStore, 'query' | 'lastSeen' | 'latest' | 'registerStatements' | 'ping'>;
  /** Access-token signing keys, newest first (MEDIDO_JWT_KEYS, the same on every replica). */
  keys: SigningKey[];
  /** The event bus that receives the access records (who read what). */
  accessEvents: AccessEventPublisher;
  logger?: Logger;
  metrics?: Metrics;
  /** Overrides MEDIDO_OIDC_CLIENT_SECRET (the embedded provider generates its client's secret). */
  oidcClientSecret?: string;
  /** The webhook signing key (MEDIDO_WEBHOOK_SIGNING_KEY): with it, /v1/subscriptions is served. */
  webhookSigningKey?: Buffer;
}

/**
 * The api role as a Fastify instance, not listening: no environment, signals or connections of its own
 * (the caller owns the stores), so tests build it and `inject()` into it. The shared bootstrap
 * (`createHttpApp`), readiness per store, and the api's own context (`apiRole`: OpenAPI document,
 * /auth/*, /v1/*).
 */
export function buildApiApp(options: ApiAppOptions): FastifyInstance {
  const { config, catalog, measurements, keys } = options;
  const metrics = options.metrics ?? createMetrics('api');
  const app = createHttpApp({
    config,
    metrics,
    ...(options.logger ? { logger: options.logger } : {}),
    checks: [
      { name: 'catalog', check: () => catalog.ping() },
      { name: 'measurements', check: () => measurements.ping() },
    ],
  });
  app.register(apiRole, {
    config,
    publicUrl: publicUrlOf(config),
    catalog,
    measurements,
    keys,
    metrics,
    accessEvents: options.accessEvents,
    oidcClientSecret: options.oidcClientSecret ?? config.MEDIDO_OIDC_CLIENT_SECRET,
    ...(options.webhookSigningKey && { webhookSigningKey: options.webhookSigningKey }),
  });
  return app;
}
