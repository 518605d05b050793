import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemHandler } from '@medido/platform';
import { accessTokenAudience, accessTokenIssuer, createAccessTokenIssuer } from '../src/access-token.ts';
import { authRoutes } from '../src/auth-routes.ts';
import { REFRESH_TOKEN_PREFIX } from '../src/refresh-token.ts';
import { generateSigningJwk, signingKeyFromPrivateJwk } from '../src/signing-keys.ts';
import { createTokenService, type RefreshFailure } from '../src/token-service.ts';
import { consumer, InMemoryConsumers, InMemoryRefreshTokens } from '../src/testing/fakes.ts';
import { attackTokens, signEdDSA, validClaims } from './forge.ts';
import { protectedRoutes } from '../src/testing/protected-route.ts';

const PUBLIC_URL = 'https://api.medido.test';
const key = signingKeyFromPrivateJwk(generateSigningJwk());
const stranger = signingKeyFromPrivateJwk(generateSigningJwk());
const consumers = new InMemoryConsumers([
  consumer(),
  consumer({ consumerId: 'other', subject: 'other-sub', grants: [] }),
]);
const store = new InMemoryRefreshTokens();
const failures: RefreshFailure[] = [];
// Issues first tokens the way the login callback does, sharing the routes' store and keys.
const login = createTokenService({
  catalog: consumers,
  refreshTokens: store,
  refreshIdleTtlSeconds: 3600,
  refreshAbsoluteTtlSeconds: 86_400,
  accessTokens: createAccessTokenIssuer([key], {
    issuer: accessTokenIssuer(PUBLIC_URL),
    audience: accessTokenAudience(PUBLIC_URL),
    ttlSeconds: 900,
  }),
});
let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify({ logger: false });
  await app.register(problemHandler);
  await app.register(authRoutes, {
    // Never contacted here: discovery happens at the first browser login.
    oidc: { issuer: 'https://idp.invalid', clientId: 'medido', clientSecret: 'secret' },
    publicUrl: PUBLIC_URL,
    catalog: consumers,
    refreshTokens: store,
    keys: [key],
    accessTokenTtlSeconds: 900,
    refreshIdleTtlSeconds: 3600,
    refreshAbsoluteTtlSeconds: 86_400,
    tokenRateLimitPerMinute: 1000,
    onRefreshFailure: (reason) => failures.push(reason),
  });
  await app.register(protectedRoutes, { keys: [key], publicUrl: PUBLIC_URL });
});
afterAll(() => app.close());

const refresh = (payload: Record<string, unknown>, json = false) =>
  app.inject({
    method: 'POST',
    url: '/auth/token',
    ...(json
      ? { payload }
      : {
          payload: new URLSearchParams(payload as Record<string, string>).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
  });
const organizations = (token: string) =>
  app.inject({ method: 'GET', url: '/v1/organizations', headers: { authorization: `Bearer ${token}` } });

/** An RFC 6749 §5.2 invalid_grant that says what is wrong. */
function expectInvalidGrant(response: LightMyRequestResponse, said: RegExp = /sign in again|administrator/) {
  expect(response.statusCode).toBe(400);
  expect(response.headers['cache-control']).toBe('no-store');
  expect(Object.keys(response.json()).sort()).toEqual(['error', 'error_description']);
  expect(response.json().error).toBe('invalid_grant');
  expect(response.json().error_description).toMatch(said);
}

describe('POST /auth/token', () => {
  it('answers RFC 6749 §5.1 with a rotated refresh token, from a form or JSON', async () => {
    const first = await login.issue(consumer());
    const viaForm = await refresh({ grant_type: 'refresh_token', refresh_token: first.refreshToken });
    expect(viaForm.statusCode).toBe(200);
    expect(viaForm.headers['cache-control']).toBe('no-store');
    const body = viaForm.json();
    expect(Object.keys(body).sort()).toEqual([
      'access_token',
      'expires_in',
      'refresh_token',
      'refresh_token_expires_in',
      'scope',
      'token_type',
    ]);
    expect(body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 900,
      refresh_token_expires_in: 3600,
      scope: 'read',
    });
    expect(body.refresh_token).not.toBe(first.refreshToken);
    expect((await organizations(body.access_token)).json()).toMatchObject({
      caller: { consumerId: 'acme', grants: ['org-private'] },
    });

    const viaJson = await refresh(
      { grant_type: 'refresh_token', refresh_token: body.refresh_token, client_id: 'acme', scope: 'read' },
      true,
    );
    expect(viaJson.statusCode).toBe(200);
  });

  it('refuses a replayed refresh token and revokes the token that replaced it', async () => {
    const first = await login.issue(consumer());
    const rotated = (await refresh({ grant_type: 'refresh_token', refresh_token: first.refreshToken })).json();
    expectInvalidGrant(await refresh({ grant_type: 'refresh_token', refresh_token: first.refreshToken }));
    expectInvalidGrant(await refresh({ grant_type: 'refresh_token', refresh_token: rotated.refresh_token }));
    expect(failures.slice(-2)).toEqual(['reused', 'revoked']);
  });

  it('says what is wrong in error_description, one reason at a time (RFC 6749 §5.2)', async () => {
    const issued = await login.issue(consumer());
    // Python Authlib's default: the literal string "None" as client_id.
    expectInvalidGrant(
      await refresh({ grant_type: 'refresh_token', refresh_token: issued.refreshToken, client_id: 'None' }),
      /client_id does not name the API consumer/,
    );
    expectInvalidGrant(
      await refresh({ grant_type: 'refresh_token', refresh_token: issued.accessToken }),
      /not a Medido refresh token/,
    );
    expectInvalidGrant(
      await refresh({ grant_type: 'refresh_token', refresh_token: `${REFRESH_TOKEN_PREFIX}${'Q'.repeat(43)}` }),
      /not known/,
    );
    const rotated = (await refresh({ grant_type: 'refresh_token', refresh_token: issued.refreshToken })).json();
    expectInvalidGrant(
      await refresh({ grant_type: 'refresh_token', refresh_token: issued.refreshToken }),
      /already used/,
    );
    expectInvalidGrant(await refresh({ grant_type: 'refresh_token', refresh_token: rotated.refresh_token }), /revoked/);
  });

  it('gives a disabled consumer no new token, and its family stays revoked once re-enabled', async () => {
    const victim = consumer({ consumerId: 'soon-disabled', subject: 'soon-disabled-sub' });
    consumers.put(victim);
    const first = await login.issue(victim);
    consumers.update('soon-disabled', {
      disabled: true,
      disabledAt: '2026-04-04T12:00:00.000Z',
      disabledReason: 'contract ended',
    });
    expectInvalidGrant(await refresh({ grant_type: 'refresh_token', refresh_token: first.refreshToken }));
    consumers.update('soon-disabled', { disabled: false, disabledAt: null, disabledReason: null });
    expectInvalidGrant(await refresh({ grant_type: 'refresh_token', refresh_token: first.refreshToken }));
    expect(failures.slice(-2)).toEqual(['consumer_inactive', 'revoked']);
  });

  it("refuses another consumer's refresh token presented as one's own, and guessed tokens", async () => {
    const others = await login.issue(consumer({ consumerId: 'other', subject: 'other-sub', grants: [] }));
    expectInvalidGrant(
      await refresh({ grant_type: 'refresh_token', refresh_token: others.refreshToken, client_id: 'acme' }),
      /client_id does not name/,
    );
    for (const guess of [
      `${REFRESH_TOKEN_PREFIX}${'A'.repeat(43)}`,
      `${REFRESH_TOKEN_PREFIX}${others.refreshToken.slice(7, -1)}x`,
      'mdo_rt_short',
      '',
    ]) {
      const response = await refresh({ grant_type: 'refresh_token', refresh_token: guess });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatch(/^(invalid_grant|invalid_request)$/);
    }
    // The owner's token is untouched by all of the above.
    expect(
      (await refresh({ grant_type: 'refresh_token', refresh_token: others.refreshToken, client_id: 'other' }))
        .statusCode,
    ).toBe(200);
  });

  it.each([
    ['no grant_type', { refresh_token: 'x' }, 'invalid_request'],
    ['authorization_code grant', { grant_type: 'authorization_code', code: 'abc' }, 'unsupported_grant_type'],
    ['password grant', { grant_type: 'password', username: 'a', password: 'b' }, 'unsupported_grant_type'],
    ['no refresh_token', { grant_type: 'refresh_token' }, 'invalid_request'],
    [
      'a wider scope',
      { grant_type: 'refresh_token', refresh_token: `${REFRESH_TOKEN_PREFIX}${'A'.repeat(43)}`, scope: 'read admin' },
      'invalid_scope',
    ],
  ])('answers %s with %s', async (_name, payload, error) => {
    const response = await refresh(payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe(error);
  });

  it('answers invalid_request to repeated parameters, malformed JSON and other media types', async () => {
    const repeated = await app.inject({
      method: 'POST',
      url: '/auth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'grant_type=refresh_token&grant_type=password',
    });
    const malformed = await app.inject({
      method: 'POST',
      url: '/auth/token',
      headers: { 'content-type': 'application/json' },
      payload: '{"grant_type":',
    });
    const xml = await app.inject({
      method: 'POST',
      url: '/auth/token',
      headers: { 'content-type': 'application/xml' },
      payload: '<grant/>',
    });
    for (const response of [repeated, malformed, xml]) {
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toBe('invalid_request');
    }
  });
});

describe('POST /auth/revoke (RFC 7009)', () => {
  it('revokes the family, answers 200 to unknown tokens, refuses access tokens', async () => {
    const issued = await login.issue(consumer());
    const unknown = await app.inject({
      method: 'POST',
      url: '/auth/revoke',
      payload: { token: `${REFRESH_TOKEN_PREFIX}${'Z'.repeat(43)}` },
    });
    expect(unknown.statusCode).toBe(200);
    const revoked = await app.inject({
      method: 'POST',
      url: '/auth/revoke',
      payload: { token: issued.refreshToken, token_type_hint: 'refresh_token' },
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.headers['cache-control']).toBe('no-store');
    expectInvalidGrant(await refresh({ grant_type: 'refresh_token', refresh_token: issued.refreshToken }));
    const access = await app.inject({ method: 'POST', url: '/auth/revoke', payload: { token: issued.accessToken } });
    expect(access.json()).toMatchObject({ error: 'unsupported_token_type' });
    const empty = await app.inject({ method: 'POST', url: '/auth/revoke', payload: {} });
    expect(empty.json()).toMatchObject({ error: 'invalid_request' });
  });
});

describe('GET /.well-known/jwks.json', () => {
  it('publishes the public keys only', async () => {
    const response = await app.inject('/.well-known/jwks.json');
    expect(response.json()).toEqual({
      keys: [{ kty: 'OKP', crv: 'Ed25519', x: key.publicJwk.x, kid: key.kid, alg: 'EdDSA', use: 'sig' }],
    });
  });
});

describe('a protected route refuses forged access tokens with a problem that leaks nothing', () => {
  const issuer = accessTokenIssuer(PUBLIC_URL);
  const audience = accessTokenAudience(PUBLIC_URL);
  const genuine = signEdDSA(key, validClaims(issuer, audience));
  it('accepts the genuine token and refuses a missing one', async () => {
    expect((await organizations(genuine)).statusCode).toBe(200);
    const missing = await app.inject('/v1/organizations');
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toMatchObject({ code: 'AUTH_TOKEN_MISSING' });
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="medido"');
  });
  for (const [name, attack] of Object.entries(attackTokens(key, stranger, issuer, audience, genuine))) {
    it(name, async () => {
      const response = await organizations(attack.token);
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      const problem = response.json();
      expect(Object.keys(problem).sort()).toEqual(['code', 'detail', 'instance', 'status', 'title', 'type']);
      expect(problem.code).toBe(attack.expect === 'expired' ? 'AUTH_TOKEN_EXPIRED' : 'AUTH_TOKEN_INVALID');
      expect([
        'the token is not a well-formed JWT',
        'the token was not signed by a current key',
        'the token failed verification',
        'the token has expired',
        'the token carries malformed grants',
        'the token was issued in the future',
      ]).toContain(problem.detail);
      const text = response.body;
      for (const secret of [attack.token, key.kid, key.publicJwk.x!, 'Error', 'at ', 'fast-jwt'])
        expect(text).not.toContain(secret);
    });
  }
});
