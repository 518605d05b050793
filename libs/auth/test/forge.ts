import { createHmac, randomUUID, sign } from 'node:crypto';
import type { SigningKey } from '../src/signing-keys.ts';

/** An attacker's toolbox: JWTs built by hand, bypassing the issuer's safeguards. */

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function validClaims(
  issuer: string,
  audience: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: issuer,
    aud: audience,
    sub: 'acme',
    client_id: 'acme',
    jti: randomUUID(),
    iat: now,
    exp: now + 900,
    scope: 'read',
    role: 'api_consumer',
    grants: ['org-private'],
    ...overrides,
  };
}

export function signEdDSA(
  key: SigningKey,
  payload: Record<string, unknown>,
  header: Record<string, unknown> = {},
): string {
  const input = `${part({ alg: 'EdDSA', typ: 'at+jwt', kid: key.kid, ...header })}.${part(payload)}`;
  return `${input}.${sign(null, Buffer.from(input), key.privateKey).toString('base64url')}`;
}

export function signHS256(
  secret: string | Buffer,
  payload: Record<string, unknown>,
  header: Record<string, unknown>,
): string {
  const input = `${part({ alg: 'HS256', typ: 'at+jwt', ...header })}.${part(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

export function unsigned(payload: Record<string, unknown>, header: Record<string, unknown>): string {
  return `${part({ alg: 'none', typ: 'at+jwt', ...header })}.${part(payload)}.`;
}

/** Replaces the payload of a genuine token, keeping its header and signature. */
export function withPayload(
  token: string,
  change: (claims: Record<string, unknown>) => Record<string, unknown>,
): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
  return `${header}.${part(change(claims))}.${signature}`;
}

/**
 * Every forged or unacceptable access token, by name, for a verifier configured with `key`,
 * `issuer` and `audience`; `genuine` is a token that verifier accepts.
 */
export function attackTokens(
  key: SigningKey,
  stranger: SigningKey,
  issuer: string,
  audience: string,
  genuine: string,
): Record<string, { token: string; expect: 'invalid' | 'expired' }> {
  const now = Math.floor(Date.now() / 1000);
  const claims = (o: Record<string, unknown> = {}) => validClaims(issuer, audience, o);
  const publicPem = key.publicKey.export({ format: 'pem', type: 'spki' }) as string;
  return {
    'alg none': { token: unsigned(claims(), { kid: key.kid }), expect: 'invalid' },
    'HS256 keyed with the public key (PEM)': {
      token: signHS256(publicPem, claims(), { kid: key.kid }),
      expect: 'invalid',
    },
    'HS256 keyed with the public key (raw x)': {
      token: signHS256(Buffer.from(key.publicJwk.x!, 'base64url'), claims(), { kid: key.kid }),
      expect: 'invalid',
    },
    'unknown kid': { token: signEdDSA(stranger, claims()), expect: 'invalid' },
    'known kid, foreign key': { token: signEdDSA(stranger, claims(), { kid: key.kid }), expect: 'invalid' },
    'no kid': { token: signEdDSA(key, claims(), { kid: undefined }), expect: 'invalid' },
    expired: { token: signEdDSA(key, claims({ iat: now - 1000, exp: now - 60 })), expect: 'expired' },
    'not yet valid': { token: signEdDSA(key, claims({ nbf: now + 600 })), expect: 'invalid' },
    'issued an hour in the future (stretching the 15-minute age limit)': {
      token: signEdDSA(key, claims({ iat: now + 3600, exp: now + 3600 + 900 })),
      expect: 'invalid',
    },
    'issued a minute in the future': {
      token: signEdDSA(key, claims({ iat: now + 60, exp: now + 900 })),
      expect: 'invalid',
    },
    'older than 15 minutes (whatever its exp says)': {
      token: signEdDSA(key, claims({ iat: now - 1200, exp: now + 600 })),
      expect: 'expired',
    },
    'wrong issuer': { token: signEdDSA(key, claims({ iss: 'https://evil.example' })), expect: 'invalid' },
    'wrong audience': { token: signEdDSA(key, claims({ aud: 'https://other-api.example' })), expect: 'invalid' },
    'wrong typ (plain JWT)': { token: signEdDSA(key, claims(), { typ: 'JWT' }), expect: 'invalid' },
    'no typ': { token: signEdDSA(key, claims(), { typ: undefined }), expect: 'invalid' },
    'missing jti': { token: signEdDSA(key, { ...claims(), jti: undefined }), expect: 'invalid' },
    'grants not an array': { token: signEdDSA(key, claims({ grants: 'org-secret' })), expect: 'invalid' },
    'tampered payload': { token: withPayload(genuine, (c) => ({ ...c, grants: ['org-secret'] })), expect: 'invalid' },
    'tampered subject': { token: withPayload(genuine, (c) => ({ ...c, sub: 'other' })), expect: 'invalid' },
    'not a JWT': { token: 'definitely-not-a-jwt', expect: 'invalid' },
  };
}
