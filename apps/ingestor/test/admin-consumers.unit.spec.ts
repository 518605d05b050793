import { TOPICS, decodeEvent } from '@medido/contracts';
import type { ConsumerDirectory, ConsumerView } from '@medido/ingest';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIngestorApp } from '../src/app.ts';
import { ADMIN_TOKEN, auth, embeddedBus, json, readBack, testConfig } from './ingestor-fixtures.ts';

const alice: ConsumerView = { consumerId: 'c-alice', name: 'Alice', email: 'alice@example.cl', subject: 'sub-a', grants: ['org-1'], expiresAt: null, disabled: false, disabledAt: null };
const directory: ConsumerDirectory = {
  listConsumers: async ({ after, limit }) => ({ items: after ? [] : [alice].slice(0, limit), next: null }),
  getConsumer: async (id) => (id === alice.consumerId ? alice : null),
};

let app: FastifyInstance;
let bus: Awaited<ReturnType<typeof embeddedBus>>;
beforeAll(async () => {
  bus = await embeddedBus();
  app = buildIngestorApp({ config: testConfig(), bus: bus.bus, consumers: directory, now: () => Date.parse('2026-04-04T12:00:00Z') });
});
afterAll(async () => { await app.close(); await bus.dispose(); });

const admin = (method: 'POST' | 'PUT' | 'GET', url: string, payload?: object) =>
  app.inject({ method, url, ...(payload ? { payload } : {}), headers: auth(ADMIN_TOKEN) });

describe('admin consumer commands', () => {
  it('create, change grants and disable each publish their event, keyed by consumer id', async () => {
    const created = await admin('POST', '/v1/admin/consumers', { name: 'Bob', email: 'bob@example.cl', subject: 'idp|bob', grants: ['org-1', 'org-2'], expiresAt: '2027-01-01T00:00:00-03:00' });
    expect(created.statusCode).toBe(202);
    const { consumerId, eventId } = created.json();
    expect(consumerId).toMatch(/^[0-9a-f-]{36}$/);
    const grants = await admin('PUT', `/v1/admin/consumers/${consumerId}/grants`, { grants: ['org-3'] });
    expect(grants.statusCode).toBe(202);
    const disabled = await admin('POST', `/v1/admin/consumers/${consumerId}/disable`, { reason: 'left the company' });
    expect(disabled.statusCode).toBe(202);
    const chosen = await admin('POST', '/v1/admin/consumers', { consumerId: 'c-carol', name: 'Carol', email: 'carol@example.cl', subject: 'idp|carol' });
    expect(chosen.json().consumerId).toBe('c-carol');

    const records = await readBack(bus.bus, TOPICS.consumers, 4);
    const events = records.map(json);
    expect(events.every((e) => decodeEvent(e).ok)).toBe(true);
    const mine = records.filter((r) => r.key!.toString() === consumerId).map(json);
    expect(mine.map((e) => e.type)).toEqual(['ApiConsumerCreated', 'ApiConsumerGrantChanged', 'ApiConsumerDisabled']);
    expect(mine[0]).toMatchObject({ id: eventId, source: '/medido/admin', subject: consumerId, time: '2026-04-04T12:00:00.000Z',
      data: { consumerId, name: 'Bob', email: 'bob@example.cl', subject: 'idp|bob', grants: ['org-1', 'org-2'], expiresAt: '2027-01-01T03:00:00.000Z' } });
    expect(mine[1]!.data).toEqual({ consumerId, grants: ['org-3'] });
    expect(mine[2]!.data).toEqual({ consumerId, reason: 'left the company' });
    expect(events.find((e) => e.subject === 'c-carol')!.data.grants).toEqual([]);
  });

  it.each([
    ['a bad e-mail', 'POST', '/v1/admin/consumers', { name: 'X', email: 'nope', subject: 's' }],
    ['a misspelt member (no silent drop)', 'POST', '/v1/admin/consumers', { name: 'X', email: 'x@y.cl', subject: 's', grant: ['org-1'] }],
    ['grants as a string (no coercion)', 'PUT', '/v1/admin/consumers/c-1/grants', { grants: 'org-1' }],
    ['duplicate grants', 'PUT', '/v1/admin/consumers/c-1/grants', { grants: ['org-1', 'org-1'] }],
    ['an invalid consumer id', 'POST', '/v1/admin/consumers/bad%20id/disable', {}],
  ] as const)('refuses %s with 400 REQUEST_INVALID', async (_case, method, url, payload) => {
    const res = await admin(method, url, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'REQUEST_INVALID' });
  });

  it('lists and reads consumers from the read model when one is given', async () => {
    expect((await admin('GET', '/v1/admin/consumers?limit=10')).json()).toEqual({ items: [alice], next: null });
    expect((await admin('GET', '/v1/admin/consumers/c-alice')).json()).toEqual(alice);
    const missing = await admin('GET', '/v1/admin/consumers/c-nobody');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('CONSUMER_NOT_FOUND');
    expect((await admin('GET', '/v1/admin/consumers?limit=0')).statusCode).toBe(400);
  });
});
