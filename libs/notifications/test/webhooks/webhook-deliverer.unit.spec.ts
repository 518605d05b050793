import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeLogReader } from '@medido/catalog';
import { parseWebhookAllowList, subscriptionSecret } from '@medido/platform';
import { eventually } from '@medido/platform/testing/eventually';
import type { WebhookDeliverer, WebhookDelivererOptions } from '../../src/webhooks/webhook-deliverer.ts';
import { fakeWebhookCatalog } from './fake-webhook-catalog.ts';
import { quickDeliverer } from './quick-deliverer.ts';
import { startReceiver, verifyStandardWebhook } from './receiver.ts';

const KEY = Buffer.from('unit-test operator key, thirty-two characters or more');
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

function deliverer(
  catalog: WebhookDelivererOptions['catalog'] & ChangeLogReader,
  overrides: Partial<Omit<WebhookDelivererOptions, 'catalog'>> = {},
): WebhookDeliverer {
  const started = quickDeliverer({
    catalog,
    signingKey: KEY,
    allowList: parseWebhookAllowList(['127.0.0.1']),
    ...overrides,
  });
  cleanup.push(() => started.stop());
  return started;
}
const bodies = (received: { body: string }[]) =>
  received.map((r) => JSON.parse(r.body) as { type: string; timestamp: string; data: { id: string; cursor: string } });

describe('webhook deliverer (fake change log, real receiver on loopback)', () => {
  it("POSTs every change after the subscription's start, in order, signed with the secret shown at creation", async () => {
    const fake = fakeWebhookCatalog();
    fake.append('m-1');
    const receiver = await startReceiver();
    cleanup.push(receiver.close);
    fake.subscribe('sub-1', receiver.url);
    const sent = [fake.append('m-1'), fake.append('m-2'), fake.append('m-1')];
    deliverer(fake.catalog);
    await eventually(() => receiver.received.length === 3, 'three webhooks', 10_000);
    expect(bodies(receiver.received).map((b) => b.data.id)).toEqual(sent.map((c) => c.id));
    const secret = subscriptionSecret(KEY, 'sub-1');
    for (const r of receiver.received) {
      expect(verifyStandardWebhook(secret, r)).toBe(true);
      expect(r.headers['content-type']).toBe('application/json');
    }
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual(sent.map((c) => c.id));
    const [first] = bodies(receiver.received);
    expect(first).toMatchObject({
      type: 'measurements.available',
      timestamp: sent[0]!.occurredAt,
      data: { id: sent[0]!.id, installationId: 'inst-1' },
    });
    expect(first!.data).not.toHaveProperty('deviceIds');
    await eventually(
      () => fake.states.get('sub-1')?.deliveredCursor === sent[2]!.cursor,
      'the last one acknowledged',
      10_000,
    );
  });

  it('looks at once when the log beside it appended, not at its next poll', async () => {
    const fake = fakeWebhookCatalog();
    const receiver = await startReceiver();
    cleanup.push(receiver.close);
    fake.subscribe('sub-1', receiver.url);
    let appended: (() => void) | undefined;
    const changes: ChangeLogReader = { ...fake.catalog, onAppended: (listener) => void (appended = listener) };
    deliverer(fake.catalog, { changes, pollMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const sent = fake.append('m-1');
    appended!();
    await eventually(() => receiver.received.length === 1, 'the webhook', 2_000);
    expect(bodies(receiver.received).map((b) => b.data.id)).toEqual([sent.id]);
  });

  it('narrows to the scope: meters and variables', async () => {
    const fake = fakeWebhookCatalog();
    const receiver = await startReceiver();
    cleanup.push(receiver.close);
    fake.subscribe('sub-1', receiver.url, { deviceIds: ['m-2'], variables: ['active_power'] });
    fake.append('m-1', 'active_power');
    fake.append('m-2', 'active_energy_import');
    const wanted = fake.append('m-2', 'active_power');
    const last = fake.append('m-1');
    deliverer(fake.catalog);
    await eventually(() => fake.states.get('sub-1')?.deliveredCursor === last.cursor, 'the last change passed', 10_000);
    expect(bodies(receiver.received).map((b) => b.data.id)).toEqual([wanted.id]);
  });

  it('retries a failing receiver with the same webhook-id, in order, then goes on', async () => {
    const fake = fakeWebhookCatalog();
    const receiver = await startReceiver((_r, i) => (i < 2 ? 500 : 204));
    cleanup.push(receiver.close);
    fake.subscribe('sub-1', receiver.url);
    const [a, b] = [fake.append('m-1'), fake.append('m-1')];
    deliverer(fake.catalog);
    await eventually(() => receiver.received.length === 4, 'two retries and the next change', 10_000);
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([a.id, a.id, a.id, b.id]);
    // Backoff: the retries came after a pause (≥ half the first step).
    expect(receiver.received[1]!.at - receiver.received[0]!.at).toBeGreaterThanOrEqual(9);
    await eventually(
      () => fake.states.get('sub-1')?.attempts === 0 && fake.states.get('sub-1')?.deliveredCursor === b.cursor,
      'both changes acknowledged',
      10_000,
    );
    expect(fake.states.get('sub-1')).toMatchObject({ status: 'active', lastError: null });
  });

  it('marks a subscription failing after N failures, sends nothing more, and a resume clears it', async () => {
    const fake = fakeWebhookCatalog();
    let healthy = false;
    const receiver = await startReceiver(() => (healthy ? 204 : 503));
    cleanup.push(receiver.close);
    fake.subscribe('sub-1', receiver.url);
    const change = fake.append('m-1');
    deliverer(fake.catalog);
    await eventually(() => fake.states.get('sub-1')?.status === 'failing', 'the subscription failing', 10_000);
    expect(fake.states.get('sub-1')).toMatchObject({
      status: 'failing',
      attempts: 3,
      deliveredCursor: null,
      lastError: 'HTTP 503: receiver says no',
    });
    expect(fake.states.get('sub-1')!.failingSince).not.toBeNull();
    await new Promise((r) => setTimeout(r, 150));
    expect(receiver.received).toHaveLength(3);

    healthy = true;
    fake.subscribe('sub-1', receiver.url, { ...fake.subscriptions.get('sub-1'), resumedBy: 'resume-version-1' });
    await eventually(() => fake.states.get('sub-1')?.deliveredCursor === change.cursor, 'the change delivered', 10_000);
    expect(fake.states.get('sub-1')).toMatchObject({
      status: 'active',
      attempts: 0,
      failingSince: null,
      resumedBy: 'resume-version-1',
    });
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([change.id, change.id, change.id, change.id]);
  });

  it('sends nothing once the consumer loses its grant, and refuses a URL the guard no longer admits', async () => {
    const fake = fakeWebhookCatalog();
    const receiver = await startReceiver();
    cleanup.push(receiver.close);
    fake.subscribe('sub-1', receiver.url);
    fake.consumers.set('c-1', { ...fake.consumers.get('c-1')!, grants: [] });
    fake.append('m-1');
    deliverer(fake.catalog, { allowList: parseWebhookAllowList([]) });
    await new Promise((r) => setTimeout(r, 150));
    expect(receiver.received).toHaveLength(0);

    fake.consumers.set('c-1', { ...fake.consumers.get('c-1')!, grants: ['org-1'] });
    await eventually(() => fake.states.get('sub-1')?.status === 'failing', 'the subscription failing', 10_000);
    expect(receiver.received).toHaveLength(0);
    expect(fake.states.get('sub-1')!.lastError).toMatch(/^webhook URL refused/);
  });

  it('keeps one request in flight per subscription, and a slow receiver does not hold the others', async () => {
    const fake = fakeWebhookCatalog();
    let inFlight = 0;
    let most = 0;
    const slow = await startReceiver(async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 30));
      inFlight--;
      return 204;
    });
    const fast = await startReceiver();
    cleanup.push(slow.close, fast.close);
    fake.subscribe('sub-slow', slow.url);
    fake.subscribe('sub-fast', fast.url);
    for (let i = 0; i < 5; i++) fake.append('m-1');
    deliverer(fake.catalog);
    // Polled every 20 ms: the slow receiver (30 ms a request) must not have caught up by the time we look.
    await eventually(() => fast.received.length === 5, 'the fast receiver to have all five', 10_000, 20);
    expect(slow.received.length).toBeLessThan(5);
    await eventually(() => slow.received.length === 5, 'the slow receiver to have all five', 10_000);
    expect(most).toBe(1);
  });
});
