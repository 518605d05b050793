import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { event } from '@medido/catalog/testing/catalog-events.fixture';
import { meteredInstallation, organization } from '@medido/catalog/testing/catalog-history.fixture';
import { decodeEvent, TOPICS } from '@medido/contracts';
import { parseWebhookAllowList, subscriptionSecret, type Resolve } from '@medido/platform';
import type { Projector } from '@medido/projection';
import { eventually as until } from '@medido/platform/testing/eventually';
import { readTopic } from '@medido/projection/testing/kafka-probe';
import type { ProjectionStack } from '@medido/projection/testing/projection-stack';
import { testTokens } from './fakes/tokens.ts';
import { readApiOnStack, stackOnTestServices, subscriptionsOnStack } from './support/stack-api.ts';

/**
 * Subscriptions as commands on real Kafka and FerretDB: POST publishes SubscriptionCreated on the
 * consumers topic (keyed by consumer), the projector writes it into the catalog, GET shows it; DELETE
 * and resume likewise. Scope and webhook URL are refused before anything is published.
 */
const KEY = Buffer.from('integration operator key of thirty-two characters');
const dns: Resolve = async (host) => {
  const table: Record<string, string> = { 'hooks.example.com': '93.184.216.34', 'rebind.example.com': '10.0.0.7' };
  if (!table[host]) throw new Error('ENOTFOUND');
  return [{ address: table[host]!, family: 4 }];
};

describe('webhook subscriptions over HTTP, on Kafka and FerretDB', () => {
  let stack: ProjectionStack;
  let projector: Projector;
  let api: FastifyInstance;
  const tokens = testTokens();
  const owner = `Bearer ${tokens.consumer('c-owner', ['org-priv'])}`;
  const stranger = `Bearer ${tokens.consumer('c-stranger')}`;

  beforeAll(async () => {
    stack = await stackOnTestServices('subs');
    projector = await stack.startProjector();
    for (const e of [
      organization('org-priv', 'private'),
      ...meteredInstallation('inst-1', 'org-priv', ['m-1']),
      event('UnitAdded', { installationId: 'inst-1', unitId: 'unit-1', name: 'Piso 1' }, 3),
      ...meteredInstallation('inst-2', 'org-priv', ['m-2']),
    ])
      await stack.catalog.apply(e);
    api = await readApiOnStack(stack, tokens.verifier, {
      subscriptions: subscriptionsOnStack(stack, {
        signingKey: KEY,
        allowList: parseWebhookAllowList([]),
        resolve: dns,
      }),
    });
  });
  afterAll(async () => {
    await api?.close();
    await projector?.stop();
    await stack?.dispose();
  });

  const post = (body: unknown, authorization = owner) =>
    api.inject({ method: 'POST', url: '/v1/subscriptions', headers: { authorization }, payload: body as object });
  const get = (url: string, authorization = owner) => api.inject({ method: 'GET', url, headers: { authorization } });

  it('creates a subscription: 202 with the secret once, the event on the consumers topic, then GET shows it', async () => {
    const created = await post({
      unitId: 'unit-1',
      variables: ['active_energy_import'],
      types: ['measurements.available', 'bucket.changed'],
      webhookUrl: 'https://hooks.example.com/medido',
    });
    expect(created.statusCode).toBe(202);
    const answer = created.json() as {
      subscriptionId: string;
      eventId: string;
      secret: string;
      startAfter: string | null;
    };
    expect(answer.secret).toBe(subscriptionSecret(KEY, answer.subscriptionId));
    expect(answer.startAfter).toBeNull();

    const [record] = await readTopic(inject('kafkaBrokers'), stack.prefix + TOPICS.consumers, 1);
    expect(record!.key!.toString()).toBe('c-owner');
    const decoded = decodeEvent(JSON.parse(record!.value!.toString()));
    expect(decoded).toMatchObject({
      ok: true,
      event: {
        id: answer.eventId,
        type: 'SubscriptionCreated',
        data: { subscriptionId: answer.subscriptionId, installationId: 'inst-1', unitId: 'unit-1' },
      },
    });
    expect(record!.value!.toString()).not.toContain(answer.secret.slice(6));

    await until(
      async () => (await get(`/v1/subscriptions/${answer.subscriptionId}`)).statusCode === 200,
      'the subscription to be projected',
      30_000,
    );
    const shown = (await get(`/v1/subscriptions/${answer.subscriptionId}`)).json();
    expect(shown).toEqual({
      subscriptionId: answer.subscriptionId,
      installationId: 'inst-1',
      unitId: 'unit-1',
      deviceIds: null,
      variables: ['active_energy_import'],
      types: ['measurements.available', 'bucket.changed'],
      webhookUrl: 'https://hooks.example.com/medido',
      createdAt: expect.any(String),
      delivery: {
        status: 'active',
        deliveredCursor: null,
        attempts: 0,
        lastError: null,
        failingSince: null,
        lastAttemptAt: null,
        lastDeliveredAt: null,
      },
    });
    expect(JSON.stringify(shown)).not.toContain('whsec_');
    expect((await get('/v1/subscriptions')).json()).toEqual({ subscriptions: [shown], nextCursor: null });
    // Another consumer sees nothing of it.
    expect((await get(`/v1/subscriptions/${answer.subscriptionId}`, stranger)).json()).toMatchObject({
      status: 404,
      code: 'SUBSCRIPTION_NOT_FOUND',
    });
    expect((await get('/v1/subscriptions', stranger)).json()).toEqual({ subscriptions: [], nextCursor: null });
    expect(
      (
        await api.inject({
          method: 'DELETE',
          url: `/v1/subscriptions/${answer.subscriptionId}`,
          headers: { authorization: stranger },
        })
      ).statusCode,
    ).toBe(404);

    const deleted = await api.inject({
      method: 'DELETE',
      url: `/v1/subscriptions/${answer.subscriptionId}`,
      headers: { authorization: owner },
    });
    expect(deleted.statusCode).toBe(202);
    await until(
      async () => (await get(`/v1/subscriptions/${answer.subscriptionId}`)).statusCode === 404,
      'the deletion to be projected',
      30_000,
    );
  });

  it('refuses a scope the caller may not read exactly as one that does not exist', async () => {
    const url = 'https://hooks.example.com/x';
    expect((await post({ installationId: 'inst-1', webhookUrl: url }, stranger)).json()).toMatchObject({
      status: 404,
      code: 'INSTALLATION_NOT_FOUND',
    });
    expect((await post({ installationId: 'inst-nope', webhookUrl: url }, stranger)).json()).toMatchObject({
      status: 404,
      code: 'INSTALLATION_NOT_FOUND',
    });
    expect((await post({ deviceIds: ['m-1'], webhookUrl: url }, stranger)).json()).toMatchObject({
      status: 404,
      code: 'DEVICE_NOT_FOUND',
    });
    expect((await post({ unitId: 'unit-1', webhookUrl: url }, stranger)).json()).toMatchObject({
      status: 404,
      code: 'UNIT_NOT_FOUND',
    });
    expect((await post({ deviceIds: ['m-1', 'm-2'], webhookUrl: url })).json()).toMatchObject({
      status: 400,
      code: 'SUBSCRIPTION_SCOPE_INVALID',
    });
    expect((await post({ installationId: 'inst-1', unitId: 'unit-1', webhookUrl: url })).json()).toMatchObject({
      status: 400,
      code: 'SUBSCRIPTION_SCOPE_INVALID',
    });
    expect((await post({ webhookUrl: url })).json()).toMatchObject({ status: 400, code: 'SUBSCRIPTION_SCOPE_INVALID' });
  });

  it.each([
    'https://127.0.0.1/',
    'https://2130706433/',
    'https://0x7f.0.0.1/',
    'https://[::ffff:127.0.0.1]/',
    'https://localhost./',
    'https://169.254.169.254/latest',
    'https://hooks.example.com@127.0.0.1/',
    'https://rebind.example.com/',
    'http://hooks.example.com/',
    'https://[fd00:ec2::254]/',
  ])('refuses the webhook URL %s with problem+json, before publishing anything', async (webhookUrl) => {
    const refused = await post({ installationId: 'inst-1', webhookUrl });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({ code: 'WEBHOOK_URL_REFUSED' });
    expect(refused.body).not.toContain('10.0.0.7');
  });

  it('answers 404 to a resume of an unknown subscription and validates the body', async () => {
    expect(
      (
        await api.inject({ method: 'POST', url: '/v1/subscriptions/nope/resume', headers: { authorization: owner } })
      ).json(),
    ).toMatchObject({ code: 'SUBSCRIPTION_NOT_FOUND' });
    expect((await post({ installationId: 'inst-1', webhookUrl: 'ftp://x/' })).json()).toMatchObject({
      status: 400,
      code: 'REQUEST_INVALID',
    });
    expect(
      (await post({ installationId: 'inst-1', webhookUrl: 'https://hooks.example.com/', secret: 'mine' })).json(),
    ).toMatchObject({ status: 400, code: 'REQUEST_INVALID' });
  });
});
