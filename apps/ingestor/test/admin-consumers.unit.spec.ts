import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOPICS, decodeEvent } from '@medido/contracts';
import {
  adoptProjectedConsumers,
  createSqliteConsumerRegistry,
  type ConsumerDirectory,
  type ConsumerRegistry,
  type ConsumerView,
} from '@medido/ingest';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adminApp, asAdmin, type Admin } from './admin-app.ts';
import { SwitchableBus, embeddedBus, json, readBack } from './ingestor-fixtures.ts';

const alice: ConsumerView = {
  consumerId: 'c-alice',
  name: 'Alice',
  email: 'alice@example.cl',
  subject: 'sub-a',
  grants: ['org-1'],
  expiresAt: null,
  disabled: false,
  disabledAt: null,
};
const directory: ConsumerDirectory = {
  listConsumers: async ({ after, limit }) => ({ items: after ? [] : [alice].slice(0, limit), next: null }),
  getConsumer: async (id) => (id === alice.consumerId ? alice : null),
};

const dir = mkdtempSync(join(tmpdir(), 'medido-admin-'));
let app: FastifyInstance;
let admin: Admin;
let bus: SwitchableBus;
let registry: ConsumerRegistry;
let disposeBus: () => Promise<void>;
beforeAll(async () => {
  const embedded = await embeddedBus();
  disposeBus = embedded.dispose;
  bus = new SwitchableBus(embedded.bus);
  registry = createSqliteConsumerRegistry({ path: join(dir, 'registry.sqlite') });
  app = await adminApp({ bus, registry, consumers: directory, now: () => Date.parse('2026-04-04T12:00:00Z') });
  admin = asAdmin(app);
});
afterAll(async () => {
  await app.close();
  await registry.close();
  await disposeBus();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  bus.available = true;
});

const create = (body: Record<string, unknown>) =>
  admin('POST', '/v1/admin/consumers', { email: 'x@example.cl', ...body });

/** The request is refused with `status` and the problem `code`, and publishes nothing. */
async function expectRefusedUnpublished(request: () => ReturnType<Admin>, status: number, code: string) {
  const before = bus.published;
  const res = await request();
  expect(res.statusCode).toBe(status);
  expect(res.json()).toMatchObject({ code });
  expect(bus.published).toBe(before);
}

describe('admin consumer commands', () => {
  it('create, change grants, disable and enable each publish their event, keyed by consumer id', async () => {
    const created = await admin('POST', '/v1/admin/consumers', {
      name: 'Bob',
      email: 'bob@example.cl',
      subject: 'idp|bob',
      grants: ['org-1', 'org-2'],
      expiresAt: '2027-01-01T00:00:00-03:00',
    });
    expect(created.statusCode).toBe(202);
    const { consumerId, eventId } = created.json();
    expect(consumerId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await admin('PUT', `/v1/admin/consumers/${consumerId}/grants`, { grants: ['org-3'] })).statusCode).toBe(
      202,
    );
    expect(
      (await admin('POST', `/v1/admin/consumers/${consumerId}/disable`, { reason: 'left the company' })).statusCode,
    ).toBe(202);
    expect((await admin('POST', `/v1/admin/consumers/${consumerId}/enable`, {})).statusCode).toBe(202);
    const chosen = await admin('POST', '/v1/admin/consumers', {
      consumerId: 'c-carol',
      name: 'Carol',
      email: 'carol@example.cl',
      subject: 'idp|carol',
    });
    expect(chosen.json().consumerId).toBe('c-carol');

    const records = await readBack(bus, TOPICS.consumers, 5);
    const events = records.map(json);
    expect(events.every((e) => decodeEvent(e).ok)).toBe(true);
    const mine = records.filter((r) => r.key!.toString() === consumerId).map(json);
    expect(mine.map((e) => e.type)).toEqual([
      'ApiConsumerCreated',
      'ApiConsumerGrantChanged',
      'ApiConsumerDisabled',
      'ApiConsumerEnabled',
    ]);
    expect(mine[0]).toMatchObject({
      id: eventId,
      source: '/medido/admin',
      subject: consumerId,
      time: '2026-04-04T12:00:00.000Z',
      data: {
        consumerId,
        name: 'Bob',
        email: 'bob@example.cl',
        subject: 'idp|bob',
        grants: ['org-1', 'org-2'],
        expiresAt: '2027-01-01T03:00:00.000Z',
      },
    });
    expect(mine[1]!.data).toEqual({ consumerId, grants: ['org-3'] });
    expect(mine[2]!.data).toEqual({ consumerId, reason: 'left the company' });
    expect(mine[3]).toMatchObject({ dataschema: 'urn:medido:ApiConsumerEnabled:v1', data: { consumerId } });
    expect(events.find((e) => e.subject === 'c-carol')!.data.grants).toEqual([]);
  });

  it('refuses a second creation of an id with 409 CONSUMER_ALREADY_EXISTS and publishes nothing', async () => {
    expect((await create({ consumerId: 'c-dora', name: 'Dora', subject: 'idp|dora', grants: [] })).statusCode).toBe(
      202,
    );
    const again = { consumerId: 'c-dora', name: 'Mallory', subject: 'idp|mallory', grants: ['org-private'] };
    await expectRefusedUnpublished(() => create(again), 409, 'CONSUMER_ALREADY_EXISTS');
    // The subject the refused attempt claimed is free again.
    expect((await create({ name: 'Mallory', subject: 'idp|mallory' })).statusCode).toBe(202);
  });

  it('refuses a second consumer with a taken subject with 409 CONSUMER_SUBJECT_TAKEN', async () => {
    expect((await create({ consumerId: 'c-erin', name: 'Erin', subject: 'idp|erin' })).statusCode).toBe(202);
    const second = { consumerId: 'c-erin-2', name: 'Erin (new)', subject: 'idp|erin', grants: ['org-private'] };
    await expectRefusedUnpublished(() => create(second), 409, 'CONSUMER_SUBJECT_TAKEN');
    expect((await admin('PUT', '/v1/admin/consumers/c-erin-2/grants', { grants: [] })).statusCode).toBe(404);
  });

  it('answers the very same creation again like the first time, re-sending the same event (a safe retry after 503)', async () => {
    const command = { name: 'Frank', subject: 'idp|frank', grants: ['org-1'] };
    bus.available = false;
    expect((await create(command)).statusCode).toBe(503);
    bus.available = true;
    const retried = await create(command);
    expect(retried.statusCode).toBe(202);
    const repeated = await create(command);
    expect(repeated.json()).toEqual(retried.json());
    const records = (await readBack(bus, TOPICS.consumers, 1)).filter(
      (r) => r.key!.toString() === retried.json().consumerId,
    );
    expect(records.map((r) => r.value!.toString())).toEqual([
      records[0]!.value!.toString(),
      records[0]!.value!.toString(),
    ]);
    expect(json(records[0]!).id).toBe(retried.json().eventId);
  });

  it('gives exactly one of two simultaneous creations with one subject a 202, the other a 409', async () => {
    const answers = await Promise.all([
      create({ consumerId: 'c-gil-1', name: 'Gil', subject: 'idp|gil' }),
      create({ consumerId: 'c-gil-2', name: 'Gil', subject: 'idp|gil', grants: ['org-private'] }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([202, 409]);
    expect(answers.find((a) => a.statusCode === 409)!.json().code).toBe('CONSUMER_SUBJECT_TAKEN');
  });

  it('knows the consumers of the read model once adopted: the same id again is 409 CONSUMER_ALREADY_EXISTS, grants are accepted', async () => {
    const projected: ConsumerView[] = [
      { ...alice, consumerId: 'c-old', subject: 'idp|old' },
      { ...alice, consumerId: 'c-old-dup', subject: 'idp|old' },
    ];
    const first = { 'idp|old': 'c-old' } as Record<string, string>;
    expect(
      await adoptProjectedConsumers(registry, {
        listConsumers: async ({ after }) => ({ items: after ? [] : projected, next: null }),
        findConsumerBySubject: async (subject) => ({ consumerId: first[subject]! }),
      }),
    ).toBe(2);
    const again = await create({ consumerId: 'c-old', name: 'Alice', subject: 'idp|old' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CONSUMER_ALREADY_EXISTS');
    expect((await create({ consumerId: 'c-new', name: 'New', subject: 'idp|old' })).json().code).toBe(
      'CONSUMER_SUBJECT_TAKEN',
    );
    expect((await admin('PUT', '/v1/admin/consumers/c-old-dup/grants', { grants: [] })).statusCode).toBe(202);
    expect(await registry.findSubject('idp|old')).toMatchObject({ consumerId: 'c-old' });
  });

  it.each([
    ['grants', 'PUT', '/v1/admin/consumers/c-nobody/grants', { grants: ['org-1'] }],
    ['disable', 'POST', '/v1/admin/consumers/c-nobody/disable', {}],
    ['enable', 'POST', '/v1/admin/consumers/c-nobody/enable', {}],
  ] as const)(
    'answers %s on an unknown consumer with 404 CONSUMER_NOT_FOUND and publishes nothing',
    async (_action, method, url, payload) =>
      expectRefusedUnpublished(() => admin(method, url, payload), 404, 'CONSUMER_NOT_FOUND'),
  );

  // A creation whose one bad field is the case's; the rest of it is valid.
  const CREATE = ['POST', '/v1/admin/consumers'] as const;
  const eve = (field: Record<string, unknown>) => ({ name: 'Eve', email: 'eve@y.cl', subject: 's', ...field });
  it.each([
    ['a bad e-mail', ...CREATE, eve({ email: 'nope' }), '/email'],
    ['a misspelt member (no silent drop)', ...CREATE, eve({ grant: ['org-1'] }), '/'],
    ['grants as a string (no coercion)', 'PUT', '/v1/admin/consumers/c-1/grants', { grants: 'org-1' }, '/grants'],
    ['duplicate grants', 'PUT', '/v1/admin/consumers/c-1/grants', { grants: ['org-1', 'org-1'] }, '/grants'],
    ['an invalid consumer id', 'POST', '/v1/admin/consumers/bad%20id/disable', {}, 'params/consumerId'],
    ['a terminal escape in a name', ...CREATE, eve({ name: 'Eve\u001b[2J\u001b[HAdmin' }), '/name'],
    ['a newline in a name', ...CREATE, eve({ name: 'Eve\nc-root\tAdmin' }), '/name'],
    ['a C1 control in a subject', ...CREATE, eve({ subject: 'sub\u009b31m' }), '/subject'],
    ['a bidirectional override in a name', ...CREATE, eve({ name: 'Eve \u202Enimda' }), '/name'],
    [
      'a control character in a reason',
      'POST',
      '/v1/admin/consumers/c-alice/disable',
      { reason: 'bye\u0007' },
      '/reason',
    ],
  ] as const)('refuses %s with 400 REQUEST_INVALID naming the field', async (_case, method, url, payload, path) => {
    const res = await admin(method, url, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'REQUEST_INVALID' });
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .join(' '),
    ).toContain(path);
  });

  it('accepts names in any script, with accents and emoji', async () => {
    expect((await create({ name: 'Ñuñoa Energía — 東京 ⚡', subject: 'idp|unicode' })).statusCode).toBe(202);
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
