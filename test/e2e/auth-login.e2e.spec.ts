import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONSUMER_ACCOUNT, DEMO_VISITOR_ACCOUNT } from '@medido/auth';
import { startAuthTestApp, type AuthTestApp } from '@medido/auth/testing/auth-test-app';
import { demoConsumerCreated, temporaryCatalog } from '@medido/auth/testing/sqlite-catalog';
import { PAGE_STYLE } from '../../libs/auth/src/html-page.ts';
import { launchBrowser, openSignIn, signIn, submitSignIn } from '../support/browser.ts';

/**
 * The seed's access protocol in a real browser (Debian chromium, scripts/setup-browser.sh): sign in
 * at the embedded OpenID provider, read the tokens from the page, call the API, refresh, and watch a
 * replayed refresh token revoke the whole login. Catalog: the embedded node:sqlite store.
 */
const catalog = temporaryCatalog();
let t: AuthTestApp;
let browser: Browser;

beforeAll(async () => {
  await catalog.store.apply(demoConsumerCreated(['org-private']));
  t = await startAuthTestApp({ catalog: catalog.store, refreshTokens: catalog.store.refreshTokens });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  await catalog.dispose();
});

const refresh = (refreshToken: string) =>
  fetch(`${t.baseUrl}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
  });

describe('login in a real browser', () => {
  it('signs the demo consumer in, and its tokens work, refresh, and die on replay', async () => {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.baseUrl });
    const page = await context.newPage();

    await openSignIn(page, t.baseUrl);
    // Chromium stored the __Host- login cookies although the origin is plain http: 127.0.0.1 is a
    // secure context, so the embedded default needs no fallback cookie names.
    const loginCookies = (await context.cookies(t.baseUrl))
      .filter((c) => c.name.startsWith('__Host-'))
      .map((c) => c.name)
      .sort();
    expect(loginCookies).toEqual([
      '__Host-medido-oauth-state',
      '__Host-medido-oauth-verifier',
      '__Host-medido-oidc-nonce',
    ]);

    await submitSignIn(page, DEMO_CONSUMER_ACCOUNT);
    expect(await page.textContent('h1')).toBe('Your Medido API tokens');
    const accessToken = (await page.textContent('#access-token'))!;
    const refreshToken = (await page.textContent('#refresh-token'))!;
    expect(accessToken.split('.')).toHaveLength(3);
    expect(refreshToken).toMatch(/^mdo_rt_[A-Za-z0-9_-]{43}$/);
    expect(Date.parse((await page.getAttribute('#access-token-expires', 'datetime'))!) - Date.now()).toBeGreaterThan(
      14 * 60_000,
    );
    expect(await page.textContent('#curl-example')).toBe(
      `curl -H 'Authorization: Bearer ${accessToken}' ${t.baseUrl}/v1/organizations`,
    );
    expect((await context.cookies(t.baseUrl)).filter((c) => c.name.startsWith('__Host-'))).toEqual([]);

    await page.click('button[data-copy="refresh-token"]');
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(refreshToken);
    expect(await page.textContent('button[data-copy="refresh-token"]')).toBe('Copied');
    await context.close();

    const api = await fetch(`${t.baseUrl}/v1/organizations`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({ caller: { consumerId: 'demo', grants: ['org-private'] } });

    const refreshed = await refresh(refreshToken);
    expect(refreshed.status).toBe(200);
    const next = (await refreshed.json()) as { access_token: string; refresh_token: string };
    expect(
      (await fetch(`${t.baseUrl}/v1/organizations`, { headers: { authorization: `Bearer ${next.access_token}` } }))
        .status,
    ).toBe(200);

    const replay = await refresh(refreshToken);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });
    const afterReplay = await refresh(next.refresh_token);
    expect(afterReplay.status).toBe(400);
    expect(await afterReplay.json()).toMatchObject({ error: 'invalid_grant' });
    expect(t.refreshFailures).toEqual(['reused', 'revoked']);
  });

  it('refuses a person who is not an API consumer, on a page without tokens', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, t.baseUrl, DEMO_VISITOR_ACCOUNT);
    expect(await page.textContent('h1')).toBe('Access refused');
    expect(await page.textContent('#subject')).toBe(DEMO_VISITOR_ACCOUNT.subject);
    expect(await page.$('#access-token')).toBeNull();
    expect(await page.content()).not.toContain('mdo_rt_');
    await context.close();
  });

  it('works the same at http://localhost, where Chromium also keeps the __Host- cookies', async () => {
    const local = await startAuthTestApp({
      catalog: catalog.store,
      refreshTokens: catalog.store.refreshTokens,
      hostname: 'localhost',
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${local.baseUrl}/auth/login`);
      await page.waitForURL(/^http:\/\/localhost:\d+\/oidc\/interaction\//);
      expect((await context.cookies(local.baseUrl)).filter((c) => c.name.startsWith('__Host-'))).toHaveLength(3);
      await submitSignIn(page, DEMO_CONSUMER_ACCOUNT);
      expect(await page.textContent('h1')).toBe('Your Medido API tokens');
    } finally {
      await context.close();
      await local.close();
    }
  });

  it('keeps the person on the sign-in form after a wrong password', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/auth/login`);
    await page.fill('#login', DEMO_CONSUMER_ACCOUNT.login);
    await page.fill('#password', 'not-the-password');
    await Promise.all([page.waitForURL(/\/oidc\/interaction\/[^/]+\/login$/), page.click('#sign-in')]);
    expect(await page.textContent('[role="alert"]')).toBe('Wrong e-mail or password.');
    expect(await page.inputValue('#login')).toBe(DEMO_CONSUMER_ACCOUNT.login);
    await context.close();
  });
});

describe('one look for every sign-in page', () => {
  /** The page's only stylesheet is the shared one, it applied, and the page's CSP blocked nothing. */
  async function expectSharedLook(page: Page, violations: string[], narrow: boolean) {
    const sheets = await page.evaluate<string[]>(
      '[...document.styleSheets].map((sheet) => sheet.ownerNode.textContent)',
    );
    expect(sheets).toEqual([PAGE_STYLE]);
    expect(await page.evaluate<string>('getComputedStyle(document.body).maxWidth')).toBe(narrow ? '416px' : '832px');
    expect(await page.textContent('header')).toBe('MEDIDO');
    expect(violations).toEqual([]);
  }

  it("the provider's sign-in and sign-out pages carry the token page's stylesheet, unblocked", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });

    await openSignIn(page, t.baseUrl);
    await expectSharedLook(page, violations, true);

    await submitSignIn(page, DEMO_CONSUMER_ACCOUNT);
    await expectSharedLook(page, violations, false);

    await page.goto(`${t.baseUrl}/oidc/session/end`);
    expect(await page.textContent('h1')).toBe('Sign out');
    await expectSharedLook(page, violations, true);
    await page.click('#sign-out');
    await page.waitForSelector('h1:text("Signed out")');
    await expectSharedLook(page, violations, true);
    await context.close();
  });
});
