import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { decodeEvent } from '@medido/contracts';
import { problemHandler } from '@medido/platform';
import { accessEventOf, accessKafkaRecord } from '../src/access/access-event.ts';
import { createAccessRecorder } from '../src/access/access-recorder.ts';
import { readApi } from '../src/read-api.plugin.ts';
import { inMemoryAccessRecorder } from './fakes/access-recorder.ts';
import { harness } from './fakes/harness.ts';
import { inMemoryCatalog } from './fakes/in-memory-catalog.ts';
import { inMemoryMeasurements } from './fakes/in-memory-measurements.ts';
import { testTokens } from './fakes/tokens.ts';
import { register, world } from './fakes/world.ts';

const E = 'active_energy_import';
const settled = () => new Promise((resolve) => setImmediate(resolve));
const caller = {
  consumerId: 'c-1',
  clientId: 'client-1',
  role: 'api_consumer',
  scope: 'read',
  grants: new Set<string>(),
  expiresAt: 0,
};

describe('access events', () => {
  it('are valid versioned CloudEvents keyed by consumer; only a success carries rows', () => {
    const answered = {
      id: 'req-1',
      method: 'GET',
      route: '/v1/measurements',
      url: `/v1/measurements?installationId=pub-inst&x=${'a'.repeat(3000)}`,
      status: 200,
      note: {
        organizationIds: ['pub'],
        installationIds: ['pub-inst'],
        unitId: 'pub-unit-a',
        deviceIds: ['d-1', 'd-2'],
        from: Date.parse('2026-04-04T03:00:00Z'),
        to: Date.parse('2026-04-05T03:00:00Z'),
        rows: 48,
      },
      answeredAt: Date.parse('2026-04-07T10:00:00Z'),
    };
    const event = accessEventOf(caller, answered, () => 'event-1');
    expect(event).toEqual({
      specversion: '1.0',
      id: 'event-1',
      source: '/medido/api',
      type: 'ApiReadAnswered',
      time: '2026-04-07T10:00:00.000Z',
      subject: 'c-1',
      datacontenttype: 'application/json',
      dataschema: 'urn:medido:ApiReadAnswered:v1',
      data: {
        consumerId: 'c-1',
        clientId: 'client-1',
        method: 'GET',
        route: '/v1/measurements',
        url: answered.url.slice(0, 2048),
        status: 200,
        requestId: 'req-1',
        organizationIds: ['pub'],
        installationIds: ['pub-inst'],
        unitId: 'pub-unit-a',
        deviceIds: ['d-1', 'd-2'],
        from: '2026-04-04T03:00:00.000Z',
        to: '2026-04-05T03:00:00.000Z',
        rows: 48,
        answeredAt: '2026-04-07T10:00:00.000Z',
      },
    });
    expect(decodeEvent(JSON.parse(accessKafkaRecord(event).value))).toMatchObject({ ok: true });
    expect(accessKafkaRecord(event)).toMatchObject({
      key: 'c-1',
      headers: { 'ce-type': 'ApiReadAnswered', 'medido-request-id': 'req-1' },
    });
    for (const status of [304, 404]) expect(accessEventOf(caller, { ...answered, status }).data.rows).toBe(0);
    const bare = accessEventOf(caller, { ...answered, status: 404, note: null }).data;
    expect(bare).toMatchObject({ organizationIds: [], installationIds: [], deviceIds: [], rows: 0 });
    expect(bare).not.toHaveProperty('from');
    expect(
      decodeEvent(JSON.parse(accessKafkaRecord(accessEventOf(caller, { ...answered, note: null })).value)),
    ).toMatchObject({ ok: true });
  });

  it("record a consumer's read of two meters: devices, window, rows, request id", async () => {
    const readings = [
      ...register('pub-dev-a1', E, '2026-04-04T03:00:00Z', '2026-04-04T09:00:00Z', 3_600_000, 10, 1),
      ...register('pub-dev-a2', E, '2026-04-04T03:00:00Z', '2026-04-04T09:00:00Z', 3_600_000, 20, 1),
    ];
    const h = await harness({ readings });
    const url = `/v1/measurements?installationId=pub-inst&deviceIds=pub-dev-a1,pub-dev-a2&variables=${E}&from=2026-04-04T03:00:00Z&to=2026-04-04T08:00:00Z&frequency=1h`;
    const res = await h.get(url, h.tokens.consumer('c-reader'));
    expect(res.status).toBe(200);
    await settled();
    expect(h.access.events).toHaveLength(1);
    expect(h.access.events[0]!.data).toMatchObject({
      consumerId: 'c-reader',
      route: '/v1/measurements',
      url,
      status: 200,
      requestId: res.headers['x-request-id'] ?? expect.any(String),
      organizationIds: ['pub'],
      installationIds: ['pub-inst'],
      deviceIds: ['pub-dev-a1', 'pub-dev-a2'],
      from: '2026-04-04T03:00:00.000Z',
      to: '2026-04-04T08:00:00.000Z',
      rows: 10,
    });
  });

  it('record catalog reads and refused lookups, never an unauthenticated or rate-limited request', async () => {
    const h = await harness();
    const token = h.tokens.consumer('c-2');
    await h.get('/v1/devices?installationId=pub-inst', token);
    await h.get('/v1/installations/priv-inst', token);
    await h.get('/v1/devices?installationId=pub-inst', null);
    await settled();
    expect(h.access.events.map((e) => e.data)).toEqual([
      expect.objectContaining({
        route: '/v1/devices',
        status: 200,
        organizationIds: ['pub'],
        rows: 4,
        deviceIds: ['pub-dev-a1', 'pub-dev-a2', 'pub-dev-b1', 'pub-dev-n'],
      }),
      // The private installation's 404 names nothing but what was asked for (in the URL).
      expect.objectContaining({
        route: '/v1/installations/:id',
        url: '/v1/installations/priv-inst',
        status: 404,
        organizationIds: [],
        rows: 0,
      }),
    ]);

    const limited = await harness({ overrides: { rateLimitPerMinute: 1 } });
    const other = limited.tokens.consumer('c-2');
    const statuses = [(await limited.get('/v1/me', other)).status, (await limited.get('/v1/me', other)).status];
    await settled();
    expect(statuses).toEqual([200, 429]);
    expect(limited.access.events.map((e) => [e.data.route, e.data.status])).toEqual([['/v1/me', 200]]);
  });

  it('do not wait for a bus that never answers: reads are served while the buffer fills, then refused', async () => {
    const hanging = { publish: () => new Promise<void>(() => {}) };
    const recorder = createAccessRecorder({
      bus: hanging,
      logger: pino({ level: 'silent' }),
      capacity: 5,
      lingerMs: 1,
    });
    const h = await harness({ overrides: { accessRecorder: recorder } });
    const token = h.tokens.consumer('c-4');
    const started = Date.now();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await h.get('/v1/me', token)).status);
    await settled();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 503, 503]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(recorder.buffered()).toBe(5);
  });

  it('refuse reads with 503 while no access record can be kept, and read nothing', async () => {
    const h = await harness({
      readings: register('pub-dev-a1', E, '2026-04-04T03:00:00Z', '2026-04-04T09:00:00Z', 3_600_000, 10, 1),
    });
    h.access.full = true;
    let queried = 0;
    const query = h.store.query.bind(h.store);
    h.store.query = async (...args) => {
      queried += 1;
      return query(...args);
    };
    const res = await h.get(
      `/v1/measurements?installationId=pub-inst&from=2026-04-04T03:00:00Z&to=2026-04-04T08:00:00Z`,
      h.tokens.consumer('c-3'),
    );
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 'ACCESS_LOG_UNAVAILABLE' });
    expect(res.headers['retry-after']).toBe('5');
    expect(queried).toBe(0);
    await settled();
    expect(h.access.events).toEqual([]);
  });

  it('put the consumer id on the request log lines after authentication', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const tokens = testTokens();
    const app = Fastify({ loggerInstance: pino({ level: 'info' }, sink) });
    await app.register(problemHandler);
    await app.register(readApi, {
      catalog: inMemoryCatalog(world()),
      measurements: inMemoryMeasurements([]),
      verifier: tokens.verifier,
      cursorKeys: [Buffer.alloc(32, 1)],
      rateLimitPerMinute: 100,
      accessRecorder: inMemoryAccessRecorder(),
    });
    const res = await app.inject({
      method: 'GET',
      url: '/v1/installations/priv-inst',
      headers: { authorization: `Bearer ${tokens.consumer('c-logged')}` },
    });
    expect(res.statusCode).toBe(404);
    await app.close();
    const ofRequest = lines.filter((l) => l.reqId === lines.find((x) => x.msg === 'request completed')?.reqId);
    expect(ofRequest.find((l) => l.msg === 'request completed')).toMatchObject({
      consumerId: 'c-logged',
      res: { statusCode: 404 },
    });
    expect(ofRequest.filter((l) => l.msg !== 'incoming request').every((l) => l.consumerId === 'c-logged')).toBe(true);
  });
});
