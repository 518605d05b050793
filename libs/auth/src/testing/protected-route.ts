import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MedidoError } from '@medido/platform';
import {
  accessTokenAudience,
  accessTokenIssuer,
  API_CONSUMER_ROLE,
  createAccessTokenVerifier,
  type AccessTokenClaims,
} from '../access-token.ts';
import type { SigningKey } from '../signing-keys.ts';

/**
 * A minimal resource server for tests and the benchmark: `GET /v1/organizations` behind a bearer check
 * with createAccessTokenVerifier (the read API has its own hook), and the same answer unprotected at
 * `GET /open/organizations`.
 */
const ORGANIZATIONS = {
  items: [{ organizationId: 'org-1', name: 'Municipalidad X', visibility: 'public' }],
  nextCursor: null,
};
const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;

export async function protectedRoutes(
  app: FastifyInstance,
  options: { keys: SigningKey[]; publicUrl: string; cacheSize?: number },
): Promise<void> {
  const verifier = createAccessTokenVerifier(options.keys, {
    issuer: accessTokenIssuer(options.publicUrl),
    audience: accessTokenAudience(options.publicUrl),
    ...(options.cacheSize === undefined ? {} : { cacheSize: options.cacheSize }),
  });
  const authenticate = async (request: FastifyRequest): Promise<AccessTokenClaims> => {
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (!match)
      throw new MedidoError('AUTH_TOKEN_MISSING', 'send Authorization: Bearer <access token>', {
        headers: { 'www-authenticate': 'Bearer realm="medido"' },
      });
    const result = verifier.verify(match[1]!);
    if (!result.ok) {
      throw new MedidoError(result.reason === 'expired' ? 'AUTH_TOKEN_EXPIRED' : 'AUTH_TOKEN_INVALID', result.detail, {
        headers: { 'www-authenticate': 'Bearer realm="medido", error="invalid_token"' },
      });
    }
    if (result.claims.role !== API_CONSUMER_ROLE) throw new MedidoError('AUTH_ROLE_REQUIRED');
    return result.claims;
  };
  app.get('/v1/organizations', async (request) => {
    const claims = await authenticate(request);
    return { ...ORGANIZATIONS, caller: { consumerId: claims.sub, grants: claims.grants } };
  });
  app.get('/open/organizations', async () => ({ ...ORGANIZATIONS, caller: null }));
}
