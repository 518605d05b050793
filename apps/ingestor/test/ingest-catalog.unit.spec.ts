import { randomUUID } from 'node:crypto';
import { TOPICS, decodeEvent } from '@medido/contracts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIngestorApp } from '../src/app.ts';
import { INGEST_TOKEN, auth, embeddedBus, json, readBack, testConfig } from './ingestor-fixtures.ts';

const NOW = Date.parse('2026-04-04T12:00:00.000Z');
let app: FastifyInstance;
let bus: Awaited<ReturnType<typeof embeddedBus>>;
beforeAll(async () => {
  bus = await embeddedBus();
  app = buildIngestorApp({ config: testConfig(), bus: bus.bus, now: () => NOW });
});
afterAll(async () => {
  await app.close();
  await bus.dispose();
});

const post = (payload: unknown) =>
  app.inject({ method: 'POST', url: '/v1/ingest/catalog', payload: payload as object, headers: auth(INGEST_TOKEN) });

describe('POST /v1/ingest/catalog', () => {
  it('completes the envelope of valid events, keys them by aggregate and rejects the others one by one', async () => {
    const ownId = randomUUID();
    const res = await post({
      events: [
        {
          type: 'OrganizationRegistered',
          data: { organizationId: 'org-1', name: 'Municipalidad X', visibility: 'private' },
          id: ownId,
          time: '2026-04-01T09:00:00-03:00',
        },
        {
          type: 'InstallationRegistered',
          data: { installationId: 'inst-1', organizationId: 'org-1', name: 'Edificio A', timezone: 'America/Santiago' },
        },
        { type: 'UnitAdded', data: { unitId: 'unit-a', installationId: 'inst-1', name: 'Piso 1' } },
        { type: 'OrganizationDeleted', data: { organizationId: 'org-1' } },
        { type: 'ApiConsumerCreated', data: { consumerId: 'c', name: 'n', email: 'a@b.cl', subject: 's', grants: [] } },
        { type: 'DeviceStatusChanged', data: { deviceId: 'dev-1', status: 'exploded' } },
        { type: 'DeviceStatusChanged', data: { deviceId: 'dev-1', status: 'active' }, id: 'not-a-uuid' },
        { type: 'DeviceStatusChanged', data: { deviceId: 'dev-1', status: 'active' }, extra: true },
        { data: {} },
        {
          type: 'DeviceRegistered',
          data: {
            deviceId: 'dev-1',
            installationId: 'inst-1',
            unitId: 'unit-a',
            variables: [{ name: 'active_energy_import', unit: 'kWh', kind: 'cumulative' }],
          },
        },
      ],
    });
    expect(res.statusCode).toBe(202);
    const body = res.json();
    expect(body.accepted).toBe(4);
    expect(body.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [3, 'EVENT_TYPE_UNKNOWN'],
      [4, 'EVENT_TYPE_UNKNOWN'],
      [5, 'EVENT_DATA_INVALID'],
      [6, 'EVENT_INVALID'],
      [7, 'EVENT_INVALID'],
      [8, 'EVENT_INVALID'],
    ]);
    expect(body.rejected[1].message).toContain('/v1/admin/consumers');

    const events = (await readBack(bus.bus, TOPICS.catalog, 4)).map((r) => ({
      key: r.key!.toString(),
      type: r.headers['ce-type']!.toString(),
      event: json(r),
    }));
    expect(events.map((e) => decodeEvent(e.event).ok)).toEqual([true, true, true, true]);
    const byType = Object.fromEntries(events.map((e) => [e.type, e]));
    expect(byType.OrganizationRegistered!.key).toBe('org-1');
    expect(byType.OrganizationRegistered!.event).toMatchObject({
      id: ownId,
      time: '2026-04-01T12:00:00.000Z',
      sequence: '0000000000',
      subject: 'org-1',
      source: '/medido/ingestor',
      dataschema: 'urn:medido:OrganizationRegistered:v1',
    });
    expect(byType.InstallationRegistered!.event).toMatchObject({
      time: '2026-04-04T12:00:00.000Z',
      sequence: '0000000001',
      subject: 'inst-1',
    });
    expect(byType.InstallationRegistered!.event.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(byType.UnitAdded!).toMatchObject({
      key: 'inst-1',
      event: {
        sequence: '0000000002',
        subject: 'inst-1',
        data: { unitId: 'unit-a', installationId: 'inst-1', name: 'Piso 1' },
      },
    });
    expect(byType.DeviceRegistered!).toMatchObject({ key: 'dev-1', event: { sequence: '0000000009' } });
  });

  it.each([
    ['no events member', {}, 400, 'REQUEST_INVALID'],
    ['an empty list', { events: [] }, 400, 'INGEST_BATCH_EMPTY'],
    ['too many events', { events: Array.from({ length: 10_001 }, () => ({})) }, 413, 'INGEST_BATCH_TOO_LARGE'],
  ])('answers %s with a problem', async (_case, payload, status, code) => {
    const res = await post(payload);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ status, code });
  });
});
