import { randomUUID } from 'node:crypto';
import { createDecoder, createSigner, createVerifier, TokenError } from 'fast-jwt';
import { createAcceptedTokens } from './accepted-tokens.ts';
import type { SigningKey } from './signing-keys.ts';

/**
 * Access tokens are JWTs per RFC 9068 (`typ: at+jwt`), signed with EdDSA. They carry the role and the
 * grants, so the read API authorizes with no database read. Lifetime ≤ 15 minutes: revocation and grant
 * changes take effect at the next refresh at the latest.
 * @see https://www.rfc-editor.org/rfc/rfc9068
 */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
export const API_CONSUMER_ROLE = 'api_consumer';
export const MAX_ACCESS_TOKEN_TTL_SECONDS = 900;
/** How far the clocks of the issuing and the verifying replica may disagree. */
const CLOCK_TOLERANCE_MS = 5_000;

export interface AccessTokenClaims {
  iss: string;
  aud: string;
  /** The API consumer's id. */
  sub: string;
  client_id: string;
  jti: string;
  iat: number;
  exp: number;
  scope: string;
  role: string;
  /** Organization ids whose private data the consumer may read. */
  grants: string[];
}

export interface AccessTokenSettings {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

/**
 * The one place that derives `iss` and `aud` from the api's public URL, used by the token issuer
 * (authRoutes) and by every verifier (the read API): `iss` is the api's public URL, `aud` the v1 read API.
 */
export function accessTokenAudience(publicUrl: string): string {
  return `${trimSlash(publicUrl)}/v1`;
}
export function accessTokenIssuer(publicUrl: string): string {
  return trimSlash(publicUrl);
}
const trimSlash = (url: string) => (url.endsWith('/') ? url.slice(0, -1) : url);

export interface AccessTokenIssuer {
  issue(subject: { consumerId: string; grants: string[]; role?: string }): {
    token: string;
    expiresIn: number;
    claims: AccessTokenClaims;
  };
}

export function createAccessTokenIssuer(keys: SigningKey[], settings: AccessTokenSettings): AccessTokenIssuer {
  const [current] = keys;
  if (!current) throw new Error('no signing key configured');
  if (settings.ttlSeconds > MAX_ACCESS_TOKEN_TTL_SECONDS) throw new Error('access tokens live at most 15 minutes');
  const sign = createSigner({
    key: current.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
    algorithm: 'EdDSA',
    kid: current.kid,
    header: { alg: 'EdDSA', typ: ACCESS_TOKEN_TYPE },
    iss: settings.issuer,
    aud: settings.audience,
    expiresIn: settings.ttlSeconds * 1000,
  });
  return {
    issue({ consumerId, grants, role = API_CONSUMER_ROLE }) {
      const token = sign({ sub: consumerId, client_id: consumerId, jti: randomUUID(), scope: 'read', role, grants });
      const claims = decodeClaims(token);
      return { token, expiresIn: settings.ttlSeconds, claims };
    },
  };
}

const decodePayload = createDecoder();
function decodeClaims(token: string): AccessTokenClaims {
  return decodePayload(token) as AccessTokenClaims;
}

/**
 * The `kid` of a JWT from its header alone (undefined when absent, null when the header is not JSON),
 * cheaper than a full decode: this runs on every request, before the verifier's cache is consulted.
 */
function kidOf(token: string): string | undefined | null {
  const dot = token.indexOf('.');
  if (dot <= 0) return null;
  try {
    const header = JSON.parse(Buffer.from(token.slice(0, dot), 'base64url').toString('utf8')) as {
      kid?: unknown;
    } | null;
    return typeof header?.kid === 'string' ? header.kid : undefined;
  } catch {
    return null;
  }
}

/** Why a token was refused; mapped to problem codes by the HTTP layer. Never echo token contents to clients. */
export type AccessTokenFailure = 'expired' | 'invalid';

export interface AccessTokenVerifier {
  /** RFC 9728 metadata of the resource these tokens are for, named in `WWW-Authenticate` challenges (§5.1). */
  readonly resourceMetadataUrl?: string | undefined;
  verify(
    token: string,
  ): { ok: true; claims: AccessTokenClaims } | { ok: false; reason: AccessTokenFailure; detail: string };
}

/**
 * Verifies with an explicit algorithm allow-list (EdDSA only: `none` and HS256-with-the-public-key are
 * refused by construction), the `kid` of a known key, `typ`, issuer, audience, expiry, not-before and
 * the claims the API relies on.
 */
export function createAccessTokenVerifier(
  keys: SigningKey[],
  settings: Omit<AccessTokenSettings, 'ttlSeconds'> & {
    /** Verified tokens remembered (0: none); default 1000. */ cacheSize?: number;
    /** protectedResourceMetadataUrl(publicUrl), for the 401 challenges of the resource server. */ resourceMetadataUrl?: string;
  },
): AccessTokenVerifier {
  const byKid = new Map(
    keys.map((k) => [
      k.kid,
      createVerifier({
        key: k.publicKey.export({ format: 'pem', type: 'spki' }) as string,
        algorithms: ['EdDSA'],
        allowedIss: settings.issuer,
        allowedAud: settings.audience,
        checkTyp: ACCESS_TOKEN_TYPE,
        requiredClaims: ['iss', 'aud', 'sub', 'client_id', 'exp', 'iat', 'jti', 'role', 'grants'],
        // A token older than the longest lifetime we issue is refused even if its `exp` says otherwise.
        maxAge: MAX_ACCESS_TOKEN_TTL_SECONDS * 1000,
        clockTolerance: CLOCK_TOLERANCE_MS,
        cache: settings.cacheSize ?? 1000,
      }),
    ]),
  );
  const accepted = createAcceptedTokens<AccessTokenClaims>(settings.cacheSize ?? 1000);
  return {
    resourceMetadataUrl: settings.resourceMetadataUrl,
    verify(token) {
      const known = accepted.get(token);
      if (known) return { ok: true, claims: known };
      const kid = kidOf(token);
      if (kid === null) return { ok: false, reason: 'invalid', detail: 'the token is not a well-formed JWT' };
      const verifyWithKey = kid === undefined ? undefined : byKid.get(kid);
      if (!verifyWithKey) return { ok: false, reason: 'invalid', detail: 'the token was not signed by a current key' };
      try {
        const claims = verifyWithKey(token) as AccessTokenClaims;
        // fast-jwt's maxAge counts from `iat` but lets `iat` lie in the future, which would stretch the
        // 15-minute limit by as much: a token cannot have been issued after now (RFC 7519 §4.1.6).
        if (typeof claims.iat !== 'number' || claims.iat * 1000 > Date.now() + CLOCK_TOLERANCE_MS) {
          return { ok: false, reason: 'invalid', detail: 'the token was issued in the future' };
        }
        if (!Array.isArray(claims.grants) || claims.grants.some((g) => typeof g !== 'string')) {
          return { ok: false, reason: 'invalid', detail: 'the token carries malformed grants' };
        }
        // Frozen: every later request with this token shares the object.
        Object.freeze(claims.grants);
        accepted.remember(
          token,
          Object.freeze(claims),
          Math.min(claims.exp * 1000, (claims.iat + MAX_ACCESS_TOKEN_TTL_SECONDS) * 1000),
        );
        return { ok: true, claims };
      } catch (error) {
        if (error instanceof TokenError && error.code === TokenError.codes.expired)
          return { ok: false, reason: 'expired', detail: 'the token has expired' };
        return { ok: false, reason: 'invalid', detail: 'the token failed verification' };
      }
    },
  };
}
