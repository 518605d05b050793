import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONSUMER_ACCOUNT, DEMO_VISITOR_ACCOUNT } from '@medido/auth';
import { CLIENT_ID, startAuthTestApp, type AuthTestApp } from '../src/testing/auth-test-app.ts';
import { Browserless, formAction, loginUntilCallback, textOf } from './browserless.ts';
import { consumerEvent, demoConsumerCreated, temporaryCatalog } from '../src/testing/sqlite-catalog.ts';

/**
 * The login flow over HTTP against the embedded OpenID provider and the real embedded catalog store
 * (node:sqlite): what a forged, replayed or redirected step gets. Every failure must end on a page of
 * ours, without tokens and without a redirect elsewhere.
 */
const catalog = temporaryCatalog();
let t: AuthTestApp;
const demo = DEMO_CONSUMER_ACCOUNT;

beforeAll(async () => {
  await catalog.store.apply(demoConsumerCreated([]));
  await catalog.store.apply(
    consumerEvent('ApiConsumerCreated', {
      consumerId: 'gone',
      name: 'Former consumer',
      email: 'gone@medido.dev',
      subject: 'gone-subject',
      grants: [],
    }),
  );
  await catalog.store.apply(consumerEvent('ApiConsumerDisabled', { consumerId: 'gone', reason: 'contract ended' }));
  t = await startAuthTestApp({
    catalog: catalog.store,
    refreshTokens: catalog.store.refreshTokens,
    accounts: [
      demo,
      DEMO_VISITOR_ACCOUNT,
      {
        login: 'gone@medido.dev',
        password: 'gone-password',
        subject: 'gone-subject',
        name: 'Former',
        email: 'gone@medido.dev',
      },
      {
        login: 'leaving@medido.dev',
        password: 'leaving-password',
        subject: 'leaving-subject',
        name: 'Leaving',
        email: 'leaving@medido.dev',
      },
    ],
  });
});
afterAll(async () => {
  await t.close();
  await catalog.dispose();
});

/** A page of ours that issued nothing. */
async function expectNoTokens(response: Response, status: number, kind?: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('location')).toBeNull();
  expect(response.headers.get('cache-control')).toBe('no-store');
  const html = await response.text();
  expect(html).not.toMatch(/mdo_rt_|eyJ[A-Za-z0-9_-]+\.eyJ/);
  if (kind) expect(html).toContain(`data-kind="${kind}"`);
  return html;
}

describe('browser login over HTTP', () => {
  it('ends on the token page for the demo consumer, with working tokens', async () => {
    const browser = new Browserless();
    const callback = await loginUntilCallback(browser, t.baseUrl, demo.login, demo.password);
    const { response } = await browser.follow(callback);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await response.text();
    const accessToken = textOf(html, 'access-token')!;
    expect(textOf(html, 'refresh-token')).toMatch(/^mdo_rt_[A-Za-z0-9_-]{43}$/);
    const api = await fetch(`${t.baseUrl}/v1/organizations`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(await api.json()).toMatchObject({ caller: { consumerId: 'demo', grants: [] } });
    // The login cookies are single-use: nothing of the flow is left in the browser.
    expect(
      ['__Host-medido-oauth-state', '__Host-medido-oauth-verifier', '__Host-medido-oidc-nonce'].filter((c) =>
        browser.has(c),
      ),
    ).toEqual([]);
  });

  it('refuses, with a 403 page and no tokens, a person who is no API consumer and a disabled consumer', async () => {
    for (const [login, password] of [
      [DEMO_VISITOR_ACCOUNT.login, DEMO_VISITOR_ACCOUNT.password],
      ['gone@medido.dev', 'gone-password'],
    ] as const) {
      const browser = new Browserless();
      const { response } = await browser.follow(await loginUntilCallback(browser, t.baseUrl, login, password));
      expect(await expectNoTokens(response, 403)).toContain('Access refused');
    }
  });

  it('fails closed when the state does not match the one of this browser (CSRF)', async () => {
    const browser = new Browserless();
    const callback = await loginUntilCallback(browser, t.baseUrl, demo.login, demo.password);
    callback.searchParams.set('state', 'forged-state');
    await expectNoTokens((await browser.follow(callback)).response, 400, 'state_mismatch');
  });

  it("does not log a victim in with an attacker's authorization response (login CSRF)", async () => {
    const attacker = new Browserless();
    const planted = await loginUntilCallback(attacker, t.baseUrl, demo.login, demo.password);
    const freshVictim = new Browserless();
    await expectNoTokens((await freshVictim.follow(planted)).response, 400, 'state_mismatch');
    const busyVictim = new Browserless();
    await busyVictim.follow(`${t.baseUrl}/auth/login`);
    await expectNoTokens((await busyVictim.follow(planted)).response, 400, 'state_mismatch');
  });

  it('refuses a code presented with another PKCE verifier (code injection)', async () => {
    const browser = new Browserless();
    const callback = await loginUntilCallback(browser, t.baseUrl, demo.login, demo.password);
    const verifier = [...browser.cookies.values()].find((c) => c.name === '__Host-medido-oauth-verifier')!;
    verifier.value = 'A'.repeat(43);
    await expectNoTokens((await browser.follow(callback)).response, 400, 'code_rejected');
  });

  it('stops refreshing once an admin disables the consumer; its last access token lives out its ≤ 15 minutes', async () => {
    await catalog.store.apply(
      consumerEvent('ApiConsumerCreated', {
        consumerId: 'leaving',
        name: 'Leaving consumer',
        email: 'leaving@medido.dev',
        subject: 'leaving-subject',
        grants: [],
      }),
    );
    const browser = new Browserless();
    const { response } = await browser.follow(
      await loginUntilCallback(browser, t.baseUrl, 'leaving@medido.dev', 'leaving-password'),
    );
    const html = await response.text();
    const [accessToken, refreshToken] = [textOf(html, 'access-token')!, textOf(html, 'refresh-token')!];
    await catalog.store.apply(
      consumerEvent('ApiConsumerDisabled', { consumerId: 'leaving', reason: 'contract ended' }),
    );
    const refreshed = await fetch(`${t.baseUrl}/auth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
    });
    expect(refreshed.status).toBe(400);
    expect(await refreshed.json()).toMatchObject({ error: 'invalid_grant' });
    const api = await fetch(`${t.baseUrl}/v1/organizations`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(api.status).toBe(200);
  });

  it('refuses a replayed callback', async () => {
    const browser = new Browserless();
    const callback = await loginUntilCallback(browser, t.baseUrl, demo.login, demo.password);
    expect((await browser.follow(callback)).response.status).toBe(200);
    await expectNoTokens((await browser.follow(callback)).response, 400, 'state_mismatch');
  });

  it('shows the provider error when the person cancels, without tokens', async () => {
    const browser = new Browserless();
    const { response, url } = await browser.follow(`${t.baseUrl}/auth/login`);
    const { response: end, url: endUrl } = await browser.follow(
      new URL(formAction(await response.text(), 'abort'), url),
      { form: {} },
    );
    expect(endUrl.pathname).toBe('/auth/callback');
    expect(await expectNoTokens(end, 400, 'provider_error')).toContain(
      '<code id="provider-error">access_denied</code>',
    );
  });
});

describe('no open redirect', () => {
  it('/auth/login ignores redirect targets and always sends the registered callback', async () => {
    const browser = new Browserless();
    const response = await browser.request(
      `${t.baseUrl}/auth/login?redirect_uri=https://evil.example/cb&return_to=https://evil.example&next=//evil.example`,
    );
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(`${t.baseUrl}/oidc/auth`);
    expect(location.searchParams.get('redirect_uri')).toBe(`${t.baseUrl}/auth/callback`);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('client_id')).toBe(CLIENT_ID);
  });

  it('the provider refuses a foreign redirect_uri and does not redirect there', async () => {
    const browser = new Browserless();
    const start = new URL((await browser.request(`${t.baseUrl}/auth/login`)).headers.get('location')!);
    start.searchParams.set('redirect_uri', 'https://evil.example/cb');
    const response = await browser.request(start);
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('redirect_uri');
  });

  it('/auth/callback never redirects, whatever it is given', async () => {
    const browser = new Browserless();
    const callback = await loginUntilCallback(browser, t.baseUrl, demo.login, demo.password);
    callback.searchParams.set('redirect_uri', 'https://evil.example/cb');
    callback.searchParams.set('return_to', 'https://evil.example/');
    const response = await browser.request(callback);
    expect(response.status).toBe(200);
    expect(response.headers.get('location')).toBeNull();
    const forged = await new Browserless().request(
      `${t.baseUrl}/auth/callback?code=x&state=y&redirect_uri=https://evil.example`,
    );
    await expectNoTokens(forged, 400, 'state_mismatch');
  });
});
