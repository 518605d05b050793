import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { problemHandler } from '@medido/platform';
import { authRoutes } from '../src/auth-routes.ts';
import { createAccountStore, DEMO_ACCOUNTS } from '../src/embedded-oidc/demo-accounts.ts';
import { generateSigningJwk, signingKeyFromPrivateJwk } from '../src/signing-keys.ts';
import { InMemoryConsumers, InMemoryRefreshTokens } from '../src/testing/fakes.ts';

/** The auth routes' options for a provider `oidc`, with in-memory stores and a fresh signing key. */
function routeOptions(oidc: { issuer: string; clientId: string; clientSecret: string }) {
  return {
    oidc,
    publicUrl: 'http://localhost:3000',
    catalog: new InMemoryConsumers(),
    refreshTokens: new InMemoryRefreshTokens(),
    keys: [signingKeyFromPrivateJwk(generateSigningJwk())],
    accessTokenTtlSeconds: 900,
    refreshIdleTtlSeconds: 3600,
    refreshAbsoluteTtlSeconds: 86_400,
    tokenRateLimitPerMinute: 60,
  };
}

async function appWithProviderAt(issuer: string) {
  const app = Fastify({ logger: false });
  await app.register(problemHandler);
  await app.register(authRoutes, {
    ...routeOptions({ issuer, clientId: 'medido', clientSecret: 'secret' }),
    purgeIntervalMs: 0,
  });
  return app;
}

describe('login routes without a reachable provider', () => {
  it('answer a 503 page, set no cookie and redirect nowhere', async () => {
    const app = await appWithProviderAt('http://127.0.0.1:9/oidc');
    const response = await app.inject('/auth/login');
    expect(response.statusCode).toBe(503);
    expect(response.headers.location).toBeUndefined();
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.body).toContain('data-kind="provider_unavailable"');
    await app.close();
  });

  it('refuse a callback without the login cookies before contacting anyone', async () => {
    const app = await appWithProviderAt('http://127.0.0.1:9/oidc');
    const response = await app.inject('/auth/callback?code=abc&state=def');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.body).toContain('data-kind="state_mismatch"');
    await app.close();
  });

  it('refuse to start without a client secret', async () => {
    await expect(
      Fastify()
        .register(authRoutes, routeOptions({ issuer: 'http://127.0.0.1:9/oidc', clientId: 'medido', clientSecret: '' }))
        .ready(),
    ).rejects.toThrow('MEDIDO_OIDC_CLIENT_SECRET');
  });
});

describe('embedded provider accounts', () => {
  const accounts = createAccountStore(DEMO_ACCOUNTS);
  it('sign in the documented demo identities, by case-insensitive e-mail', async () => {
    expect(await accounts.authenticate('Demo@Medido.dev', 'medido-demo')).toBe('demo-consumer');
    expect(await accounts.authenticate('visitor@medido.dev', 'medido-visitor')).toBe('demo-visitor');
  });
  it('refuse wrong passwords and unknown people', async () => {
    expect(await accounts.authenticate('demo@medido.dev', 'medido-visitor')).toBeNull();
    expect(await accounts.authenticate('nobody@medido.dev', 'medido-demo')).toBeNull();
    expect(accounts.find('demo-consumer')).toEqual({
      login: 'demo@medido.dev',
      subject: 'demo-consumer',
      name: 'Demo API consumer',
      email: 'demo@medido.dev',
    });
  });
});
