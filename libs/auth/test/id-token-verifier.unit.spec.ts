import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdTokenVerifier, IdTokenError, type IdTokenVerifier } from '../src/id-token-verifier.ts';

/** A stand-in identity provider on a loopback port: discovery and JWKS only, with one RSA key `k1`. */
const providerKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const impostorKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const CLIENT_ID = 'medido';
const NONCE = 'nonce-of-this-browser';
let server: Server;
let issuer: string;
let verifier: IdTokenVerifier;

beforeAll(async () => {
  server = createServer((request, response) => {
    const body =
      request.url === '/.well-known/openid-configuration'
        ? { issuer, jwks_uri: `${issuer}/jwks` }
        : request.url === '/jwks'
          ? { keys: [{ ...providerKey.publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' }] }
          : null;
    response.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  verifier = createIdTokenVerifier({ issuer, clientId: CLIENT_ID, algorithms: ['RS256', 'ES256'] });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
function claims(overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return { iss: issuer, sub: 'person-1', aud: CLIENT_ID, iat: now, exp: now + 300, nonce: NONCE, ...overrides };
}
function rs256(key: KeyObject, payload: Record<string, unknown>, header: Record<string, unknown> = {}) {
  const input = `${part({ alg: 'RS256', typ: 'JWT', kid: 'k1', ...header })}.${part(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

describe('ID token validation (OIDC Core §3.1.3.7)', () => {
  it('accepts a token signed by the provider for this client and nonce', async () => {
    expect(await verifier.verify(rs256(providerKey.privateKey, claims()), NONCE)).toMatchObject({
      sub: 'person-1',
      iss: issuer,
    });
    const withAzp = rs256(providerKey.privateKey, claims({ aud: [CLIENT_ID, 'other'], azp: CLIENT_ID }));
    expect(await verifier.verify(withAzp, NONCE)).toMatchObject({ sub: 'person-1' });
  });

  const pem = providerKey.publicKey.export({ format: 'pem', type: 'spki' }) as string;
  const hs256 = (() => {
    const input = `${part({ alg: 'HS256', typ: 'JWT', kid: 'k1' })}.${part({})}`;
    return (payload: Record<string, unknown>) => {
      const head = `${input.split('.')[0]}.${part(payload)}`;
      return `${head}.${createHmac('sha256', pem).update(head).digest('base64url')}`;
    };
  })();
  const refused: Array<[string, () => string, string?]> = [
    [
      'another nonce (replayed or injected token)',
      () => rs256(providerKey.privateKey, claims({ nonce: 'someone-else' })),
    ],
    ['no nonce', () => rs256(providerKey.privateKey, { ...claims(), nonce: undefined })],
    ['another audience', () => rs256(providerKey.privateKey, claims({ aud: 'another-client' }))],
    ['several audiences without azp', () => rs256(providerKey.privateKey, claims({ aud: [CLIENT_ID, 'other'] }))],
    ['azp of another client', () => rs256(providerKey.privateKey, claims({ azp: 'another-client' }))],
    ['another issuer', () => rs256(providerKey.privateKey, claims({ iss: 'https://evil.example' }))],
    ['expired', () => rs256(providerKey.privateKey, claims({ exp: Math.floor(Date.now() / 1000) - 120 }))],
    ['alg none', () => `${part({ alg: 'none', kid: 'k1' })}.${part(claims())}.`],
    ['HS256 keyed with the provider public key', () => hs256(claims())],
    ['signed by another key under the provider kid', () => rs256(impostorKey.privateKey, claims())],
    ['unknown kid', () => rs256(impostorKey.privateKey, claims(), { kid: 'k2' })],
    [
      'tampered subject',
      () => {
        const [h, , s] = rs256(providerKey.privateKey, claims()).split('.');
        return `${h}.${part(claims({ sub: 'admin' }))}.${s}`;
      },
    ],
  ];
  for (const [name, token] of refused) {
    it(`refuses ${name}`, async () => {
      await expect(verifier.verify(token(), NONCE)).rejects.toBeInstanceOf(IdTokenError);
    });
  }
});
