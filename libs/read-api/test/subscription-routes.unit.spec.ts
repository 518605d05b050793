import { describe, expect, it } from 'vitest';
import { decodeEvent, TOPICS } from '@medido/contracts';
import { BusUnavailableError } from '@medido/event-bus';
import { parseWebhookAllowList, subscriptionSecret } from '@medido/platform';
import type { CommandPublisher, SubscriptionsOptions } from '../src/subscriptions/subscription-options.ts';
import { harness } from './fakes/harness.ts';

const KEY = Buffer.from('route-test operator key, thirty-two characters');
type Published = { topic: string; key: string; value: string };

async function withBus(bus: CommandPublisher) {
  const subscriptions: SubscriptionsOptions = {
    commands: bus,
    changeLog: { latestCursor: async () => '0000000000000042' },
    deliveries: { getDeliveryStates: async () => new Map() },
    signingKey: KEY,
    allowList: parseWebhookAllowList([]),
    resolve: async () => [{ address: '93.184.216.34', family: 4 }],
  };
  return harness({ overrides: { subscriptions } });
}
const create = (h: Awaited<ReturnType<typeof withBus>>, token: string, payload: object) =>
  h.app.inject({ method: 'POST', url: '/v1/subscriptions', headers: { authorization: `Bearer ${token}` }, payload });

describe('POST /v1/subscriptions', () => {
  it('answers 202 with the derived secret once the bus acknowledged the SubscriptionCreated command', async () => {
    const published: Published[] = [];
    const h = await withBus({
      publish: async (topic, records) => {
        for (const r of records) published.push({ topic, key: r.key, value: r.value });
      },
    });
    const token = h.tokens.consumer('c-1', ['priv']);
    const res = await create(h, token, {
      deviceIds: ['priv-dev-1'],
      types: ['day.closed'],
      webhookUrl: 'https://hooks.example.com/in',
    });
    expect(res.statusCode).toBe(202);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json() as { subscriptionId: string; eventId: string; secret: string; startAfter: string };
    expect(body).toEqual({
      subscriptionId: expect.any(String),
      eventId: expect.any(String),
      secret: subscriptionSecret(KEY, body.subscriptionId),
      startAfter: '0000000000000042',
    });
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ topic: TOPICS.consumers, key: 'c-1' });
    expect(decodeEvent(JSON.parse(published[0]!.value))).toMatchObject({
      ok: true,
      event: {
        id: body.eventId,
        type: 'SubscriptionCreated',
        data: {
          subscriptionId: body.subscriptionId,
          consumerId: 'c-1',
          installationId: 'priv-inst',
          deviceIds: ['priv-dev-1'],
          types: ['day.closed'],
          startAfter: '0000000000000042',
        },
      },
    });
    expect(h.access.events.at(-1)?.data).toMatchObject({
      route: '/v1/subscriptions',
      status: 202,
      organizationIds: ['priv'],
      deviceIds: ['priv-dev-1'],
    });
  });

  it('answers 503 EVENT_BUS_UNAVAILABLE with Retry-After, and no secret, when the bus does not acknowledge', async () => {
    const h = await withBus({
      publish: async () => {
        throw new BusUnavailableError('broker down');
      },
    });
    const res = await create(h, h.tokens.consumer('c-1'), {
      installationId: 'pub-inst',
      webhookUrl: 'https://hooks.example.com/in',
    });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json()).toMatchObject({ code: 'EVENT_BUS_UNAVAILABLE' });
    expect(res.body).not.toContain('whsec_');
  });

  it('refuses a private organization without a grant as a missing one, and publishes nothing', async () => {
    const published: unknown[] = [];
    const h = await withBus({
      publish: async (_t, records) => {
        published.push(...records);
      },
    });
    const token = h.tokens.consumer('c-2');
    const hidden = await create(h, token, { installationId: 'priv-inst', webhookUrl: 'https://hooks.example.com/in' });
    const missing = await create(h, token, {
      installationId: 'no-such-inst',
      webhookUrl: 'https://hooks.example.com/in',
    });
    expect(hidden.statusCode).toBe(404);
    expect({ ...hidden.json(), instance: null, detail: null }).toEqual({
      ...missing.json(),
      instance: null,
      detail: null,
    });
    expect(published).toEqual([]);
  });
});
