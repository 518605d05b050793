import * as oauth from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONSUMER_ACCOUNT } from '../src/embedded-oidc/demo-accounts.ts';
import { DEMO_CONSUMER, startAuthTestApp, type AuthTestApp } from '../src/testing/auth-test-app.ts';
import { Browserless, loginUntilCallback, textOf } from './browserless.ts';

/**
 * A generic OAuth client (openid-client, which knows nothing of Medido) finds the token and
 * revocation endpoints from Medido's RFC 8414 metadata alone, refreshes and signs out (issue 17 §3).
 * Only the first refresh token comes from the browser sign-in, as for every integration.
 */
let t: AuthTestApp;
beforeAll(async () => {
  t = await startAuthTestApp();
});
afterAll(() => t.close());

async function signIn(): Promise<string> {
  const browser = new Browserless();
  const { response } = await browser.follow(
    await loginUntilCallback(browser, t.baseUrl, DEMO_CONSUMER_ACCOUNT.login, DEMO_CONSUMER_ACCOUNT.password),
  );
  return textOf(await response.text(), 'refresh-token')!;
}

/** What an integration configures: Medido's URL and its consumer id; everything else is discovered. */
const discover = (clientId: string) =>
  oauth.discovery(new URL(t.baseUrl), clientId, undefined, oauth.None(), {
    algorithm: 'oauth2',
    execute: [oauth.allowInsecureRequests],
  });

describe('Medido through a generic OAuth client (openid-client)', () => {
  it('discovers the endpoints from /.well-known/oauth-authorization-server (RFC 8414)', async () => {
    const server = (await discover(DEMO_CONSUMER.consumerId)).serverMetadata();
    expect(server).toMatchObject({
      issuer: t.baseUrl,
      token_endpoint: `${t.baseUrl}/auth/token`,
      revocation_endpoint: `${t.baseUrl}/auth/revoke`,
      jwks_uri: `${t.baseUrl}/.well-known/jwks.json`,
      grant_types_supported: ['refresh_token'],
      token_endpoint_auth_methods_supported: ['none'],
      scopes_supported: ['read'],
    });
  });

  it('refreshes (rotating the refresh token), calls the API, and revokes', async () => {
    const config = await discover(DEMO_CONSUMER.consumerId);
    const first = await signIn();
    const refreshed = await oauth.refreshTokenGrant(config, first);
    expect(refreshed.token_type).toBe('bearer');
    expect(refreshed.expiresIn()).toBeGreaterThan(800);
    expect(refreshed.refresh_token).toMatch(/^mdo_rt_/);
    expect(refreshed.refresh_token).not.toBe(first);
    const api = await fetch(`${t.baseUrl}/v1/organizations`, {
      headers: { authorization: `Bearer ${refreshed.access_token}` },
    });
    expect(api.status).toBe(200);

    await oauth.tokenRevocation(config, refreshed.refresh_token!);
    const after = await oauth.refreshTokenGrant(config, refreshed.refresh_token!).catch((error: unknown) => error);
    expect(after).toBeInstanceOf(oauth.ResponseBodyError);
    expect(after).toMatchObject({ error: 'invalid_grant', error_description: expect.stringContaining('revoked') });
  });

  it('tells a client that sends the wrong client_id what is wrong (Authlib sends "None")', async () => {
    const careless = await discover('None');
    const refusal = await oauth.refreshTokenGrant(careless, await signIn()).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(oauth.ResponseBodyError);
    expect(refusal).toMatchObject({ error: 'invalid_grant', error_description: expect.stringContaining('client_id') });
  });

  it('publishes the read API as a protected resource (RFC 9728) naming Medido as its authorization server', async () => {
    const response = await fetch(`${t.baseUrl}/.well-known/oauth-protected-resource/v1`);
    expect(response.status).toBe(200);
    const resource = (await response.json()) as { resource: string; authorization_servers: string[] };
    expect(resource).toMatchObject({
      resource: `${t.baseUrl}/v1`,
      authorization_servers: [t.baseUrl],
      bearer_methods_supported: ['header'],
    });
    // The resource is the access tokens' audience, and its authorization server's metadata is found from it.
    const server = (await (
      await fetch(`${resource.authorization_servers[0]}/.well-known/oauth-authorization-server`)
    ).json()) as Record<string, unknown>;
    expect(server.protected_resources).toEqual([resource.resource]);
  });
});
