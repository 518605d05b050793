import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONSUMER_ACCOUNT } from '../src/embedded-oidc/demo-accounts.ts';
import { startAuthTestApp, type AuthTestApp } from '../src/testing/auth-test-app.ts';
import { Browserless, loginUntilCallback } from './browserless.ts';

/**
 * The browser login attacked at its seams (issue 12 §4): a tampered authorization response, a
 * replayed or swapped code, and a forged Host header at the embedded provider.
 */
let t: AuthTestApp;
const demo = DEMO_CONSUMER_ACCOUNT;
beforeAll(async () => {
  t = await startAuthTestApp();
});
afterAll(() => t.close());

async function expectRefusalPage(response: Response, status: number, kind: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('location')).toBeNull();
  const html = await response.text();
  expect(html).not.toMatch(/mdo_rt_|eyJ[A-Za-z0-9_-]+\.eyJ/);
  expect(html).toContain(`data-kind="${kind}"`);
}

/** A GET with a Host header of the caller's choosing (fetch does not let one set it). */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    httpRequest(url, { headers: { host, 'x-forwarded-host': host, 'x-forwarded-proto': 'https' } }, (response) => {
      let body = '';
      response
        .setEncoding('utf8')
        .on('data', (chunk: string) => {
          body += chunk;
        })
        .on('end', () => resolve({ status: response.statusCode!, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('the authorization response names its issuer (RFC 9207)', () => {
  it('the provider advertises the iss parameter and a genuine answer carries it and succeeds', async () => {
    const metadata = (await (await fetch(`${t.baseUrl}/oidc/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(metadata.authorization_response_iss_parameter_supported).toBe(true);
    const browser = new Browserless();
    const callback = await loginUntilCallback(browser, t.baseUrl, demo.login, demo.password);
    expect(callback.searchParams.get('iss')).toBe(`${t.baseUrl}/oidc`);
    expect((await browser.follow(callback)).response.status).toBe(200);
  });

  it.each([
    ['another issuer', (u: URL) => u.searchParams.set('iss', 'https://evil.example/oidc')],
    ['no issuer though the provider always sends one', (u: URL) => u.searchParams.delete('iss')],
    ['an issuer repeated', (u: URL) => u.searchParams.append('iss', 'https://evil.example/oidc')],
  ])('refuses an answer with %s, issuing nothing', async (_name, tamper) => {
    const browser = new Browserless();
    const callback = await loginUntilCallback(browser, t.baseUrl, demo.login, demo.password);
    tamper(callback);
    await expectRefusalPage((await browser.follow(callback)).response, 400, 'issuer_mismatch');
  });

  it('refuses a provider error answer that names another issuer', async () => {
    const browser = new Browserless();
    await browser.follow(`${t.baseUrl}/auth/login`);
    const forged = await browser.request(
      `${t.baseUrl}/auth/callback?error=access_denied&state=x&iss=${encodeURIComponent('https://evil.example')}`,
    );
    await expectRefusalPage(forged, 400, 'issuer_mismatch');
  });
});

describe("a code the provider refuses is the client's fault (400, not 502)", () => {
  it('a replayed code, with the cookies of its own sign-in restored', async () => {
    const browser = new Browserless();
    const callback = await loginUntilCallback(browser, t.baseUrl, demo.login, demo.password);
    const cookies = structuredClone([...browser.cookies]);
    expect((await browser.follow(callback)).response.status).toBe(200);
    for (const [key, cookie] of cookies) browser.cookies.set(key, cookie);
    await expectRefusalPage((await browser.follow(callback)).response, 400, 'code_rejected');
  });

  it("a code swapped into another sign-in (the victim's state, the attacker's code)", async () => {
    const attacker = new Browserless();
    const stolen = await loginUntilCallback(attacker, t.baseUrl, demo.login, demo.password);
    const victim = new Browserless();
    const own = await loginUntilCallback(victim, t.baseUrl, demo.login, demo.password);
    own.searchParams.set('code', stolen.searchParams.get('code')!);
    await expectRefusalPage((await victim.follow(own)).response, 400, 'code_rejected');
  });
});

describe("the embedded provider's discovery document", () => {
  it("names only the configured issuer's origin, whatever Host and X-Forwarded-* say", async () => {
    const { status, body } = await getWithHost(`${t.baseUrl}/oidc/.well-known/openid-configuration`, 'evil.example');
    expect(status).toBe(200);
    const metadata = JSON.parse(body) as Record<string, unknown>;
    expect(metadata.authorization_endpoint).toBe(`${t.baseUrl}/oidc/auth`);
    expect(metadata.token_endpoint).toBe(`${t.baseUrl}/oidc/token`);
    expect(body).not.toContain('evil.example');
  });
});
