import { API_CONSUMER_ROLE, type AccessTokenVerifier } from '@medido/auth';
import { MedidoError } from '@medido/platform';
import { callerFromClaims, type ApiCaller } from './api-caller.ts';

/**
 * Bearer-token authentication per RFC 6750: the token only in the Authorization header (never in the
 * query string, where it would end up in logs), a `WWW-Authenticate` challenge on every 401 and 403.
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3
 */
const REALM = 'Bearer realm="medido"';

/** RFC 9728 §5.1: `resource_metadata` tells a generic client where to learn how to get a token. */
function challenge(
  verifier: AccessTokenVerifier,
  error?: 'invalid_token' | 'insufficient_scope',
  description?: string,
): Record<string, string> {
  const realm = verifier.resourceMetadataUrl ? `${REALM}, resource_metadata="${verifier.resourceMetadataUrl}"` : REALM;
  if (!error) return { 'www-authenticate': realm };
  // The description is ours, never the token's content: quotes cannot occur.
  return {
    'www-authenticate': `${realm}, error="${error}"${description ? `, error_description="${description}"` : ''}`,
  };
}

const BEARER = /^Bearer[ ]+([A-Za-z0-9\-._~+/]+=*)[ ]*$/i;

export function authenticate(authorization: string | undefined, verifier: AccessTokenVerifier): ApiCaller {
  const match = authorization ? BEARER.exec(authorization) : null;
  if (!match) {
    const detail = authorization
      ? 'the Authorization header must be "Bearer <access token>"'
      : 'send the access token as "Authorization: Bearer <token>"';
    throw new MedidoError('AUTH_TOKEN_MISSING', detail, { headers: challenge(verifier) });
  }
  const result = verifier.verify(match[1]!);
  if (!result.ok) {
    if (result.reason === 'expired') {
      throw new MedidoError('AUTH_TOKEN_EXPIRED', 'the access token has expired: refresh it at POST /auth/token', {
        headers: challenge(verifier, 'invalid_token', 'the access token expired'),
      });
    }
    throw new MedidoError('AUTH_TOKEN_INVALID', result.detail, {
      headers: challenge(verifier, 'invalid_token', 'the access token is invalid'),
    });
  }
  if (result.claims.role !== API_CONSUMER_ROLE) {
    throw new MedidoError('AUTH_ROLE_REQUIRED', `this API is for the ${API_CONSUMER_ROLE} role`, {
      headers: challenge(verifier, 'insufficient_scope', 'the api_consumer role is required'),
    });
  }
  return callerFromClaims(result.claims);
}
