import cookie from '@fastify/cookie';
import type {} from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import type { CatalogReader, RefreshTokenStore } from '@medido/catalog';
import { accessTokenAudience, accessTokenIssuer, createAccessTokenIssuer } from './access-token.ts';
import { loginRoutes } from './login-routes.ts';
import { normalizeIssuer } from './oidc-discovery.ts';
import { oauthMetadataRoutes } from './oauth-metadata.ts';
import { createOidcClient, type OidcSettings } from './oidc-client.ts';
import { jwks, type SigningKey } from './signing-keys.ts';
import { tokenRoutes } from './token-routes.ts';
import { createTokenService, type RefreshFailure } from './token-service.ts';

export interface AuthRoutesOptions {
  /** The identity provider (MEDIDO_OIDC_*); the embedded one is `${publicUrl}/oidc`. */
  oidc: OidcSettings;
  /** The api's public base URL: issuer of access tokens and base of the OAuth callback. */
  publicUrl: string;
  catalog: Pick<CatalogReader, 'getConsumer' | 'findConsumerBySubject'>;
  refreshTokens: RefreshTokenStore;
  /** Newest (signing) key first; every key is published and accepted. */
  keys: SigningKey[];
  accessTokenTtlSeconds: number;
  refreshIdleTtlSeconds: number;
  /** Ends a login this long after the browser sign-in, whatever its use; 0: never (the default setting). */
  refreshAbsoluteTtlSeconds: number;
  /** Requests per client address per minute to /auth/token and /auth/revoke together. */
  tokenRateLimitPerMinute: number;
  /** Called with the reason of every refused refresh (wired to a Prometheus counter by the app). */
  onRefreshFailure?: (reason: RefreshFailure) => void;
  /** How often expired refresh-token families are deleted (no portable TTL index exists); 0: never. Default 1 h. */
  purgeIntervalMs?: number;
  /** Milliseconds since the epoch; tests move time with it. */
  now?: () => number;
}

/**
 * Medido's authorization server side: browser login against an OpenID provider, the token and
 * revocation endpoints, the JWKS and the RFC 8414 / RFC 9728 metadata. An encapsulated plugin: it brings its own cookie and form
 * parsers when the application has none, and leaves error handling to the application's
 * problemHandler (except the RFC 6749 error objects of the token endpoints).
 */
export async function authRoutes(app: FastifyInstance, options: AuthRoutesOptions): Promise<void> {
  const now = options.now ?? Date.now;
  const publicUrl = normalizeIssuer(options.publicUrl);
  const accessTokens = createAccessTokenIssuer(options.keys, {
    issuer: accessTokenIssuer(publicUrl),
    audience: accessTokenAudience(publicUrl),
    ttlSeconds: options.accessTokenTtlSeconds,
  });
  const tokens = createTokenService({
    catalog: options.catalog,
    refreshTokens: options.refreshTokens,
    accessTokens,
    now,
    refreshIdleTtlSeconds: options.refreshIdleTtlSeconds,
    refreshAbsoluteTtlSeconds: options.refreshAbsoluteTtlSeconds,
  });
  const oidc = createOidcClient({ ...options.oidc, redirectUri: `${publicUrl}/auth/callback` });
  const publicKeys = jwks(options.keys);

  if (!app.hasReplyDecorator('setCookie')) await app.register(cookie);
  await app.register(loginRoutes, { oidc, tokens, catalog: options.catalog, publicUrl, now });
  await app.register(tokenRoutes, {
    tokens,
    rateLimitPerMinute: options.tokenRateLimitPerMinute,
    ...(options.onRefreshFailure ? { onRefreshFailure: options.onRefreshFailure } : {}),
  });
  await app.register(oauthMetadataRoutes, { publicUrl });

  const purgeEvery = options.purgeIntervalMs ?? 3_600_000;
  if (purgeEvery > 0) {
    // Every replica may purge: deleting already deleted families is harmless.
    const timer = setInterval(() => {
      options.refreshTokens
        .purgeExpiredFamilies(now())
        .then((purged) => {
          if (purged > 0) app.log.info({ purged }, 'expired refresh-token families deleted');
        })
        .catch((err: unknown) => app.log.warn({ err }, 'could not purge expired refresh-token families'));
    }, purgeEvery).unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }

  // Every configured key is published: after a rotation (new key first) the previous key keeps
  // verifying the tokens it signed until they expire (≤ 15 min), then the operator drops it.
  app.get(
    '/.well-known/jwks.json',
    {
      schema: { tags: ['auth'], summary: 'Public keys that verify Medido access tokens (JWKS, RFC 7517)' },
    },
    async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send(publicKeys),
  );
}
