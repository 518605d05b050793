import type { FastifyInstance } from 'fastify';
import {
  accessTokenAudience,
  accessTokenIssuer,
  authRoutes,
  createAccessTokenVerifier,
  protectedResourceMetadataUrl,
  type SigningKey,
} from '@medido/auth';
import type { CatalogStore } from '@medido/catalog';
import type { MeasurementsStore } from '@medido/measurements';
import { parseWebhookAllowList, splitList, type Config, type Metrics } from '@medido/platform';
import { createAccessRecorder, type AccessEventPublisher } from './access/access-recorder.ts';
import { apiDocs } from './docs/api-docs.plugin.ts';
import { cursorKeysFromSigningKeys } from './http/cursor-keys.ts';
import { readApi } from './read-api.plugin.ts';

export interface ApiRoleOptions {
  config: Config;
  publicUrl: string;
  /** Catalog read model and refresh-token families (the api writes only those). */
  catalog: CatalogStore;
  measurements: Pick<MeasurementsStore, 'query' | 'lastSeen' | 'latest' | 'registerStatements' | 'ping'>;
  /** Access-token signing keys, newest first (the same on every replica). */
  keys: SigningKey[];
  metrics: Metrics;
  /** The event bus the access records (who read what) are published to. */
  accessEvents: AccessEventPublisher;
  /** The OAuth client secret at the identity provider (config, or the embedded provider's generated one). */
  oidcClientSecret: string;
  /**
   * The operator's webhook signing key (MEDIDO_WEBHOOK_SIGNING_KEY, or the data directory's): with it the
   * api serves /v1/subscriptions, publishing their commands on the same bus as the access records.
   */
  webhookSigningKey?: Buffer;
}

/**
 * The api role's own context: its OpenAPI document, /auth/* and /.well-known/jwks.json, and /v1/*.
 * Encapsulated, so a host that mounts the ingestor beside it (the embedded default) keeps the two
 * documents, parsers and hooks apart. The host registers problem+json, metrics and health at the root.
 */
export async function apiRole(api: FastifyInstance, options: ApiRoleOptions): Promise<void> {
  const { config, publicUrl, catalog, measurements, keys, metrics } = options;
  // First: the document collects the routes registered after it in this context.
  await api.register(apiDocs, { serverUrl: publicUrl });
  await api.register(authRoutes, {
    oidc: {
      issuer: config.MEDIDO_OIDC_ISSUER || `${publicUrl}/oidc`,
      clientId: config.MEDIDO_OIDC_CLIENT_ID,
      clientSecret: options.oidcClientSecret,
    },
    publicUrl,
    catalog,
    refreshTokens: catalog.refreshTokens,
    keys,
    accessTokenTtlSeconds: config.MEDIDO_ACCESS_TOKEN_TTL_S,
    refreshIdleTtlSeconds: config.MEDIDO_REFRESH_IDLE_TTL_S,
    refreshAbsoluteTtlSeconds: config.MEDIDO_REFRESH_ABSOLUTE_TTL_S,
    tokenRateLimitPerMinute: config.MEDIDO_TOKEN_RATE_LIMIT_PER_MINUTE,
    onRefreshFailure: (reason) => metrics.tokenRefreshFailures.inc({ reason }),
  });
  const accessRecorder = createAccessRecorder({
    bus: options.accessEvents,
    logger: api.log,
    onPublished: (n) => metrics.accessEventsPublished.inc(n),
    onBuffered: (n) => metrics.accessEventsBuffered.set(n),
    onUnpublished: (n) => metrics.accessEventsUnpublished.inc(n),
  });
  // Runs before the host closes the bus (its onClose comes after the server stopped taking requests).
  api.addHook('onClose', () => accessRecorder.close());
  await api.register(readApi, {
    catalog,
    measurements,
    accessRecorder,
    changes: catalog,
    onAccessRefused: () => metrics.accessReadsRefused.inc(),
    verifier: createAccessTokenVerifier(keys, {
      issuer: accessTokenIssuer(publicUrl),
      audience: accessTokenAudience(publicUrl),
      resourceMetadataUrl: protectedResourceMetadataUrl(publicUrl),
    }),
    cursorKeys: cursorKeysFromSigningKeys(keys),
    rateLimitPerMinute: config.MEDIDO_RATE_LIMIT_PER_MINUTE,
    ...(options.webhookSigningKey && {
      subscriptions: {
        commands: options.accessEvents,
        changeLog: catalog,
        deliveries: catalog,
        signingKey: options.webhookSigningKey,
        allowList: parseWebhookAllowList(splitList(config.MEDIDO_WEBHOOK_ALLOW_LIST)),
      },
    }),
  });
}
