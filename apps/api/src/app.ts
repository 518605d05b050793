import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import type { SigningKey } from '@medido/auth';
import type { CatalogStore } from '@medido/catalog';
import type { MeasurementsStore } from '@medido/measurements';
import { createMetrics, healthRoutes, httpServerOptions, metricsPlugin, problemHandler, publicUrlOf, requestId, type Config, type Metrics } from '@medido/platform';
import { apiRole } from '@medido/read-api';

export interface ApiAppOptions {
  config: Config;
  /** Catalog read model and refresh-token families (the api writes only those). */
  catalog: CatalogStore;
  measurements: Pick<MeasurementsStore, 'query' | 'lastSeen' | 'ping'>;
  /** Access-token signing keys, newest first (MEDIDO_JWT_KEYS, the same on every replica). */
  keys: SigningKey[];
  logger?: Logger;
  metrics?: Metrics;
  /** Plugins mounted beside the api on the same instance, e.g. the embedded OpenID provider or the ingestor. */
  /** Overrides MEDIDO_OIDC_CLIENT_SECRET (the embedded provider generates its client's secret). */
  oidcClientSecret?: string;
  extraPlugins?: { plugin: FastifyPluginAsync<Record<string, unknown>>; options?: Record<string, unknown> }[];
}


/**
 * The api role as a Fastify instance, not listening: no environment, signals or connections of its own
 * (the caller owns the stores), so tests build it and `inject()` into it. Layers: problem+json errors,
 * metrics and health on the root; the api's own context (OpenAPI document, /auth/*, /v1/*) beside any
 * extra plugins, so a host that mounts the ingestor too keeps the two documents and hooks apart.
 */
export function buildApiApp(options: ApiAppOptions): FastifyInstance {
  const { config, catalog, measurements, keys } = options;
  const metrics = options.metrics ?? createMetrics('api');
  const publicUrl = publicUrlOf(config);
  const app = Fastify({
    ...httpServerOptions(),
    ...(options.logger ? { loggerInstance: options.logger as FastifyBaseLogger } : { logger: false }),
    genReqId: requestId,
    // Behind a load balancer the client's address is in X-Forwarded-For.
    trustProxy: config.NODE_ENV === 'production',
  });
  app.addHook('onRequest', async (request, reply) => { reply.header('x-request-id', request.id); });

  app.register(problemHandler);
  app.register(metricsPlugin, { metrics });
  app.register(healthRoutes, {
    checks: [
      { name: 'catalog', check: () => catalog.ping() },
      { name: 'measurements', check: () => measurements.ping() },
    ],
  });

  app.register(apiRole, {
    config, publicUrl, catalog, measurements, keys, metrics,
    oidcClientSecret: options.oidcClientSecret ?? config.MEDIDO_OIDC_CLIENT_SECRET,
  });

  for (const extra of options.extraPlugins ?? []) app.register(extra.plugin, extra.options ?? {});
  return app;
}
