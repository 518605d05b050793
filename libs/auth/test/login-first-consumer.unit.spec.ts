import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsumerEvent } from '@medido/contracts';
import { DEMO_CONSUMER_ACCOUNT, DEMO_VISITOR_ACCOUNT } from '../src/embedded-oidc/demo-accounts.ts';
import { startAuthTestApp, type AuthTestApp } from '../src/testing/auth-test-app.ts';
import { Browserless, loginUntilCallback, textOf } from './browserless.ts';
import { consumerEvent, temporaryCatalog } from '../src/testing/sqlite-catalog.ts';

/**
 * Issue 12 § 3: a second consumer created with a person's subject must never receive that person's
 * next login (and with it the second consumer's grants). The admin commands refuse such a creation; this
 * is the login side's own guarantee, for events that reach the catalog another way (written to Kafka
 * directly, or from before the command-side check). Real login over HTTP, real node:sqlite catalog.
 */
const catalog = temporaryCatalog();
let t: AuthTestApp;
const at = (event: ConsumerEvent, minute: number): ConsumerEvent => ({
  ...event,
  time: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
});

beforeAll(async () => {
  const created = (consumerId: string, subject: string, grants: string[]) =>
    consumerEvent('ApiConsumerCreated', {
      consumerId,
      name: consumerId,
      email: `${consumerId}@medido.dev`,
      subject,
      grants,
    });
  // Applied newest first: the projector meets the two consumers' partitions in any order.
  await catalog.store.apply(at(created('z-intruder', DEMO_CONSUMER_ACCOUNT.subject, ['org-private']), 2));
  await catalog.store.apply(at(created('a-first', DEMO_CONSUMER_ACCOUNT.subject, []), 1));
  await catalog.store.apply(at(created('visitor-first', DEMO_VISITOR_ACCOUNT.subject, []), 1));
  await catalog.store.apply(at(consumerEvent('ApiConsumerDisabled', { consumerId: 'visitor-first' }), 3));
  await catalog.store.apply(at(created('visitor-second', DEMO_VISITOR_ACCOUNT.subject, ['org-private']), 4));
  t = await startAuthTestApp({ catalog: catalog.store, refreshTokens: catalog.store.refreshTokens });
});
afterAll(async () => {
  await t.close();
  await catalog.dispose();
});

async function login(account: { login: string; password: string }): Promise<Response> {
  const browser = new Browserless();
  return (await browser.follow(await loginUntilCallback(browser, t.baseUrl, account.login, account.password))).response;
}

describe('login maps a subject to its first consumer only', () => {
  it("issues the first consumer's tokens, not the later consumer's grants", async () => {
    const page = await login(DEMO_CONSUMER_ACCOUNT);
    expect(page.status).toBe(200);
    const api = await fetch(`${t.baseUrl}/v1/organizations`, {
      headers: { authorization: `Bearer ${textOf(await page.text(), 'access-token')}` },
    });
    expect(await api.json()).toMatchObject({ caller: { consumerId: 'a-first', grants: [] } });
  });

  it('refuses the login when the first consumer is disabled, instead of falling over to a later one', async () => {
    const page = await login(DEMO_VISITOR_ACCOUNT);
    expect(page.status).toBe(403);
    expect(await page.text()).not.toMatch(/eyJ[A-Za-z0-9_-]+\.eyJ/);
  });
});
