import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CONSUMER_ACCOUNT, DEMO_VISITOR_ACCOUNT } from '../src/embedded-oidc/demo-accounts.ts';
import { REFRESH_TOKEN_PREFIX } from '../src/refresh-token.ts';
import { startAuthTestApp, type AuthTestApp } from '../src/testing/auth-test-app.ts';
import { Browserless, formAction } from './browserless.ts';

/**
 * Guessing at the token endpoints and the embedded provider's sign-in form (issue 12 §4): a client
 * address, or an account, that keeps failing gets 429 with Retry-After instead of unlimited tries.
 */
let t: AuthTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const guess = (i: number) => `${REFRESH_TOKEN_PREFIX}${String(i).padStart(43, 'A')}`;
const post = (path: string, form: Record<string, string>, remoteAddress = '127.0.0.1') =>
  t!.app.inject({
    method: 'POST',
    url: path,
    remoteAddress,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });

describe('POST /auth/token and /auth/revoke', () => {
  it('answer 429 slow_down with Retry-After once an address spends its budget, and other addresses are unaffected', async () => {
    t = await startAuthTestApp({ overrides: { tokenRateLimitPerMinute: 60 } });
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++)
      statuses.push((await post('/auth/token', { grant_type: 'refresh_token', refresh_token: guess(i) })).statusCode);
    expect(statuses.filter((s) => s === 400)).toHaveLength(60);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40);

    const throttled = await post('/auth/token', { grant_type: 'refresh_token', refresh_token: guess(0) });
    expect(throttled.statusCode).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect(throttled.headers['cache-control']).toBe('no-store');
    expect(throttled.json()).toEqual({
      error: 'slow_down',
      error_description: expect.stringContaining('at most 60 per minute'),
    });
    // Revocations share the budget: flooding one endpoint does not open the other.
    expect((await post('/auth/revoke', { token: guess(1) })).statusCode).toBe(429);
    expect(
      (await post('/auth/token', { grant_type: 'refresh_token', refresh_token: guess(0) }, '192.0.2.7')).statusCode,
    ).toBe(400);
  });

  it('throttle a revocation flood on its own', async () => {
    t = await startAuthTestApp({ overrides: { tokenRateLimitPerMinute: 60 } });
    const statuses: number[] = [];
    for (let i = 0; i < 80; i++) statuses.push((await post('/auth/revoke', { token: guess(i) })).statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(60);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
  });
});

describe("the embedded provider's sign-in form", () => {
  /** A browser on the sign-in form of a fresh login; `attempt` posts it. */
  async function onTheForm() {
    const browser = new Browserless();
    const { response, url } = await browser.follow(`${t!.baseUrl}/auth/login`);
    const action = new URL(formAction(await response.text(), 'login'), url);
    return (login: string, password: string) => browser.request(action, { form: { login, password } });
  }

  it('answers 429 with Retry-After after too many failures from one address, whichever account', async () => {
    t = await startAuthTestApp({ signInThrottle: { failuresPerAddress: 5, failuresPerAccount: 1000 } });
    const attempt = await onTheForm();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await attempt(`person-${i}@medido.dev`, 'wrong')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    // Even the right password waits: the guesser cannot tell a hit from a miss.
    const right = await attempt(DEMO_CONSUMER_ACCOUNT.login, DEMO_CONSUMER_ACCOUNT.password);
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await right.text()).toContain('Too many failed sign-ins');
  });

  it('answers 429 for an account that failed too often, while other accounts sign in', async () => {
    t = await startAuthTestApp({ signInThrottle: { failuresPerAddress: 1000, failuresPerAccount: 3 } });
    const attempt = await onTheForm();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await attempt(DEMO_CONSUMER_ACCOUNT.login.toUpperCase(), `guess-${i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect((await attempt(DEMO_CONSUMER_ACCOUNT.login, DEMO_CONSUMER_ACCOUNT.password)).status).toBe(429);
    const other = await attempt(DEMO_VISITOR_ACCOUNT.login, DEMO_VISITOR_ACCOUNT.password);
    expect(other.status).toBe(303);
  });

  it('does not count successful sign-ins', async () => {
    t = await startAuthTestApp({ signInThrottle: { failuresPerAddress: 2, failuresPerAccount: 2 } });
    for (let i = 0; i < 4; i++) {
      const attempt = await onTheForm();
      expect((await attempt(DEMO_CONSUMER_ACCOUNT.login, DEMO_CONSUMER_ACCOUNT.password)).status).toBe(303);
    }
  });
});
