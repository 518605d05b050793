import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import { accessTokenAudience, accessTokenIssuer, authRoutes, createAccessTokenVerifier, type SigningKey } from '@medido/auth';
import type { CatalogStore } from '@medido/catalog';
import type { MeasurementsStore } from '@medido/measurements';
import { createMetrics, healthRoutes, metricsPlugin, problemHandler, type Config, type Metrics } from '@medido/platform';
import { apiDocs, cursorKeysFromSigningKeys, readApi } from '@medido/read-api';
import { requestId } from './request-id.ts';

export interface ApiAppOptions {
  config: Config;
  /** Catalog read model and refresh-token families (the api writes only those). */
  catalog: CatalogStore;
  measurements: Pick<MeasurementsStore, 'query' | 'ping'>;
  /** Access-token signing keys, newest first (MEDIDO_JWT_KEYS, the same on every replica). */
  keys: SigningKey[];
  logger?: Logger;
  metrics?: Metrics;
  /** Plugins mounted beside the api on the same instance, e.g. the embedded OpenID provider or the ingestor. */
  extraPlugins?: { plugin: FastifyPluginAsync<Record<string, unknown>>; options?: Record<string, unknown> }[];
}

export function publicUrlOf(config: Config): string {
  return (config.MEDIDO_PUBLIC_URL || `http://localhost:${config.PORT}`).replace(/\/$/, '');
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

  app.register(async function apiRole(api) {
    // First: the document collects the routes registered after it in this context.
    await api.register(apiDocs, { serverUrl: publicUrl });
    // The auth helper's routes: /auth/login, /auth/callback, /auth/token, /auth/revoke, /.well-known/jwks.json.
    await api.register(authRoutes, {
      oidc: { issuer: config.MEDIDO_OIDC_ISSUER || `${publicUrl}/oidc`, clientId: config.MEDIDO_OIDC_CLIENT_ID, clientSecret: config.MEDIDO_OIDC_CLIENT_SECRET },
      publicUrl, catalog, refreshTokens: catalog, keys,
      accessTokenTtlSeconds: config.MEDIDO_ACCESS_TOKEN_TTL_S,
      refreshIdleTtlSeconds: config.MEDIDO_REFRESH_IDLE_TTL_S,
      refreshAbsoluteTtlSeconds: config.MEDIDO_REFRESH_ABSOLUTE_TTL_S,
      onRefreshFailure: (reason) => metrics.tokenRefreshFailures.inc({ reason }),
    });
    await api.register(readApi, {
      catalog, measurements,
      verifier: createAccessTokenVerifier(keys, { issuer: accessTokenIssuer(publicUrl), audience: accessTokenAudience(publicUrl) }),
      cursorKeys: cursorKeysFromSigningKeys(keys),
      rateLimitPerMinute: config.MEDIDO_RATE_LIMIT_PER_MINUTE,
    });
  });

  for (const extra of options.extraPlugins ?? []) app.register(extra.plugin, extra.options ?? {});
  return app;
}
