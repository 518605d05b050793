import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeRecord } from '@medido/catalog';
import { apiConsumer, meteredInstallation, organization } from '@medido/catalog/testing/catalog-history.fixture';
import { parseWebhookAllowList } from '@medido/platform';
import { eventually } from '@medido/platform/testing/eventually';
import type { Projector } from '@medido/projection';
import type { ProjectionStack } from '@medido/projection/testing/projection-stack';
import { testTokens } from '../../../read-api/test/fakes/tokens.ts';
import { readApiOnStack, stackOnTestServices, subscriptionsOnStack } from '../../../read-api/test/support/stack-api.ts';
import type { WebhookDeliverer } from '../../src/webhooks/webhook-deliverer.ts';
import { quickDeliverer } from './quick-deliverer.ts';
import { startReceiver, verifyStandardWebhook } from './receiver.ts';

/**
 * Webhooks end to end on real services: a consumer subscribes over HTTP (the command travels through
 * Kafka and the projector into the FerretDB catalog), changes are appended to the real change log,
 * and a real receiver on loopback (admitted by the operator's allow-list) gets them signed, in order,
 * again after its 500s, until the subscription is failing; a resume over HTTP delivers the rest.
 */
const KEY = Buffer.from('end-to-end operator key of thirty-two characters');
const E = 'active_energy_import';

describe('webhooks from the change log to a real receiver (Kafka, FerretDB)', () => {
  let stack: ProjectionStack;
  let projector: Projector;
  let api: FastifyInstance;
  let deliverer: WebhookDeliverer;
  let mode: 'ok' | 'flaky' | 'down' = 'flaky';
  let flakes = 0;
  const tokens = testTokens();
  const owner = { authorization: `Bearer ${tokens.consumer('c-hooks', ['org-hooks'])}` };
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let sequence = 0;

  const change = (deviceId: string): Omit<ChangeRecord, 'cursor'> => {
    sequence += 1;
    return {
      id: `e2e-change-${sequence}`,
      type: 'measurements.available',
      occurredAt: new Date().toISOString(),
      organizationId: 'org-hooks',
      installationId: 'inst-hooks',
      deviceIds: [deviceId],
      data: {
        deviceId,
        variables: [E],
        from: '2026-04-07T09:00:00.000Z',
        to: `2026-04-07T09:${String(sequence).padStart(2, '0')}:00.001Z`,
        readings: 1,
      },
    } as Omit<ChangeRecord, 'cursor'>;
  };

  beforeAll(async () => {
    stack = await stackOnTestServices('hooks');
    projector = await stack.startProjector();
    for (const e of [
      organization('org-hooks', 'private'),
      ...meteredInstallation('inst-hooks', 'org-hooks', ['m-1', 'm-2']),
      apiConsumer('c-hooks', ['org-hooks']),
    ])
      await stack.catalog.apply(e);
    // A change from before the subscription: never sent to it.
    await stack.catalog.appendChanges([change('m-1')]);
    receiver = await startReceiver(() => {
      if (mode === 'down') return 500;
      if (mode === 'flaky' && flakes < 2) {
        flakes += 1;
        return 500;
      }
      return 204;
    });
    const allowList = parseWebhookAllowList(['127.0.0.1']);
    api = await readApiOnStack(stack, tokens.verifier, {
      subscriptions: subscriptionsOnStack(stack, { signingKey: KEY, allowList }),
    });
    deliverer = quickDeliverer({
      catalog: stack.catalog,
      signingKey: KEY,
      allowList,
      retry: { baseMs: 50, maxMs: 200 },
      pollMs: 50,
    });
  });
  afterAll(async () => {
    await deliverer?.stop();
    await receiver?.close();
    await api?.close();
    await projector?.stop();
    await stack?.dispose();
  });

  const subscription = async (id: string) =>
    (await api.inject({ method: 'GET', url: `/v1/subscriptions/${id}`, headers: owner })).json();

  it('delivers signed webhooks in order, retries after 500s, fails after N, and resumes', async () => {
    const created = await api.inject({
      method: 'POST',
      url: '/v1/subscriptions',
      headers: owner,
      payload: { installationId: 'inst-hooks', webhookUrl: receiver.url },
    });
    expect(created.statusCode).toBe(202);
    const { subscriptionId, secret } = created.json() as { subscriptionId: string; secret: string };
    await eventually(
      async () =>
        (await api.inject({ method: 'GET', url: `/v1/subscriptions/${subscriptionId}`, headers: owner })).statusCode ===
        200,
      'the subscription in the catalog',
      30_000,
    );

    const sent = await stack.catalog.appendChanges([change('m-1'), change('m-2'), change('m-1')]);
    await eventually(
      () => new Set(receiver.received.map((r) => r.headers['webhook-id'])).size === 3 && receiver.received.length === 5,
      'three changes, the first after two 500s',
      30_000,
    );
    // Two 500s for the first change, retried with the same webhook-id, then the rest in cursor order.
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([
      sent[0]!.id,
      sent[0]!.id,
      sent[0]!.id,
      sent[1]!.id,
      sent[2]!.id,
    ]);
    for (const r of receiver.received) expect(verifyStandardWebhook(secret, r)).toBe(true);
    const bodies = receiver.received
      .slice(2)
      .map((r) => JSON.parse(r.body) as { type: string; data: { id: string; cursor: string } });
    expect(bodies.map((b) => b.data.cursor)).toEqual(sent.map((c) => c.cursor));
    expect(bodies[0]).toMatchObject({
      type: 'measurements.available',
      timestamp: sent[0]!.occurredAt,
      data: { id: sent[0]!.id, organizationId: 'org-hooks' },
    });
    await eventually(
      async () => (await subscription(subscriptionId)).delivery.deliveredCursor === sent[2]!.cursor,
      'the third change acknowledged',
      10_000,
    );

    mode = 'down';
    const [pending] = await stack.catalog.appendChanges([change('m-2')]);
    await eventually(
      async () => (await subscription(subscriptionId)).delivery.status === 'failing',
      'the subscription failing',
      30_000,
    );
    expect((await subscription(subscriptionId)).delivery).toMatchObject({
      status: 'failing',
      attempts: 3,
      deliveredCursor: sent[2]!.cursor,
      lastError: 'HTTP 500: receiver says no',
      failingSince: expect.any(String),
    });
    const whileFailing = receiver.received.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received.length).toBe(whileFailing);

    mode = 'ok';
    const resumed = await api.inject({
      method: 'POST',
      url: `/v1/subscriptions/${subscriptionId}/resume`,
      headers: owner,
    });
    expect(resumed.statusCode).toBe(202);
    await eventually(
      async () => (await subscription(subscriptionId)).delivery.deliveredCursor === pending!.cursor,
      'the pending change delivered after the resume',
      30_000,
    );
    expect((await subscription(subscriptionId)).delivery).toMatchObject({
      status: 'active',
      attempts: 0,
      failingSince: null,
      lastError: null,
    });
    const last = receiver.received.at(-1)!;
    expect(last.headers['webhook-id']).toBe(pending!.id);
    expect(verifyStandardWebhook(secret, last)).toBe(true);
  });
});
