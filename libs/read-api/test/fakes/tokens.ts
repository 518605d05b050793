import { createSigner } from 'fast-jwt';
import {
  createAccessTokenIssuer,
  createAccessTokenVerifier,
  generateSigningJwk,
  signingKeyFromPrivateJwk,
  type SigningKey,
} from '@medido/auth';

export const ISSUER = 'https://medido.test';
export const AUDIENCE = 'https://medido.test/v1';

/**
 * Test tokens signed by the suite's own keys through the real issuer and verifier (RFC 9068, EdDSA):
 * the read API sees exactly what it sees in production.
 */
export function testTokens() {
  const key = signingKeyFromPrivateJwk(generateSigningJwk());
  const strangerKey = signingKeyFromPrivateJwk(generateSigningJwk());
  const issuer = createAccessTokenIssuer([key], { issuer: ISSUER, audience: AUDIENCE, ttlSeconds: 900 });
  const verifier = createAccessTokenVerifier([key], { issuer: ISSUER, audience: AUDIENCE });
  return {
    key,
    verifier,
    consumer: (consumerId: string, grants: string[] = []) => issuer.issue({ consumerId, grants }).token,
    withRole: (role: string) => issuer.issue({ consumerId: 'admin-1', grants: [], role }).token,
    wrongAudience: () =>
      createAccessTokenIssuer([key], { issuer: ISSUER, audience: 'https://elsewhere.test', ttlSeconds: 900 }).issue({
        consumerId: 'c-aud',
        grants: [],
      }).token,
    foreignKey: () =>
      createAccessTokenIssuer([strangerKey], { issuer: ISSUER, audience: AUDIENCE, ttlSeconds: 900 }).issue({
        consumerId: 'c-forged',
        grants: [],
      }).token,
    expired: (consumerId = 'c-expired') => expiredToken(key, consumerId),
  };
}

/** A token whose exp passed an hour ago (beyond the verifier's clock tolerance), otherwise valid. */
function expiredToken(key: SigningKey, consumerId: string): string {
  const sign = createSigner({
    key: key.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
    algorithm: 'EdDSA',
    kid: key.kid,
    header: { alg: 'EdDSA', typ: 'at+jwt' },
    iss: ISSUER,
    aud: AUDIENCE,
    expiresIn: 900_000,
    clockTimestamp: Date.now() - 2 * 3_600_000,
  });
  return sign({
    sub: consumerId,
    client_id: consumerId,
    jti: crypto.randomUUID(),
    scope: 'read',
    role: 'api_consumer',
    grants: [],
  });
}
