import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { createVerifier, TokenError } from 'fast-jwt';
import buildGetJwks from 'get-jwks';

/** The ID token claims Medido relies on. */
export interface IdTokenClaims {
  iss: string;
  sub: string;
  aud: string | string[];
  exp: number;
  iat: number;
  nonce: string;
  azp?: string;
  email?: string;
  name?: string;
}

export class IdTokenError extends Error {
  override name = 'IdTokenError';
}

export interface IdTokenVerifier {
  /** Resolves the claims, or rejects with IdTokenError saying which check failed (for the log only). */
  verify(idToken: string, expectedNonce: string): Promise<IdTokenClaims>;
}

/**
 * Validates an ID token as OIDC Core §3.1.3.7 asks, with fast-jwt and the provider's JWKS: signature by
 * a provider key (looked up by `kid`, refreshed when an unknown `kid` appears after a key rotation),
 * algorithm from an allow-list, exact issuer, our client id in the audience (and as `azp` when there are
 * several audiences), expiry, and the nonce bound to this browser's login.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation
 */
export function createIdTokenVerifier(options: {
  issuer: string;
  clientId: string;
  algorithms: string[];
  clockToleranceMs?: number;
}): IdTokenVerifier {
  const { issuer, clientId, algorithms } = options;
  // providerDiscovery: the JWKS address comes from the issuer's discovery document (it may live on
  // another host); issuersWhitelist: keys are fetched for this issuer only.
  const jwks = buildGetJwks({ providerDiscovery: true, issuersWhitelist: [issuer], ttl: 10 * 60_000, max: 50 });

  async function keyFor({ header }: { header: { kid?: unknown; alg?: unknown } }): Promise<string> {
    if (typeof header.alg !== 'string' || !algorithms.includes(header.alg))
      throw new IdTokenError(`ID token algorithm ${String(header.alg)} is not allowed`);
    const kid = typeof header.kid === 'string' ? header.kid : undefined;
    const jwk = await jwks.getJwk({ domain: issuer, alg: header.alg, kid: kid as string });
    if (jwk.use !== undefined && jwk.use !== 'sig') throw new IdTokenError('the provider key is not a signing key');
    return createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }).export({ format: 'pem', type: 'spki' }) as string;
  }

  return {
    async verify(idToken, expectedNonce) {
      const verify = createVerifier({
        key: keyFor,
        algorithms: algorithms as never,
        allowedIss: issuer,
        allowedAud: clientId,
        allowedNonce: expectedNonce,
        requiredClaims: ['iss', 'sub', 'aud', 'exp', 'iat', 'nonce'],
        clockTolerance: options.clockToleranceMs ?? 30_000,
      });
      let claims: IdTokenClaims;
      try {
        claims = (await verify(idToken)) as IdTokenClaims;
      } catch (error) {
        // fast-jwt wraps what the key function threw (our algorithm and key-use checks).
        const inner = (error as { originalError?: unknown }).originalError;
        if (inner instanceof IdTokenError) throw inner;
        const reason = error instanceof TokenError ? error.message : 'the provider keys could not be fetched';
        throw new IdTokenError(`ID token refused: ${reason}`, { cause: error });
      }
      if (typeof claims.sub !== 'string' || claims.sub.length === 0)
        throw new IdTokenError('ID token refused: no subject');
      const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
      if ((audiences.length > 1 || claims.azp !== undefined) && claims.azp !== clientId) {
        throw new IdTokenError('ID token refused: authorized party is not this client');
      }
      return claims;
    },
  };
}
