import { CloudEvent, CONSTANTS, emitterFor, HTTP, httpTransport, Mode } from 'cloudevents';
import { TOPICS, decodeEvent } from '@medido/contracts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIngestorApp } from '../src/app.ts';
import { INGEST_TOKEN, auth, embeddedBus, json, readBack, testConfig } from './ingestor-fixtures.ts';

/**
 * Issue 17 §4: standard CloudEvents producers, here the official SDK (npm `cloudevents`) with its own
 * HTTP transport over a real socket, in each mode of the HTTP protocol binding: structured, batched and
 * binary. Before, structured and batched got 415 and binary 400.
 */
const NOW = Date.parse('2026-04-04T12:00:00.000Z');
let app: FastifyInstance;
let bus: Awaited<ReturnType<typeof embeddedBus>>;
let base: string;
beforeAll(async () => {
  bus = await embeddedBus();
  app = buildIngestorApp({ config: testConfig(), bus: bus.bus, now: () => NOW });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app.close();
  await bus.dispose();
});

const readingsEvent = (deviceId: string, values: unknown[]) =>
  new CloudEvent({
    type: 'MeasurementsRecorded',
    source: '/pipelines/acme',
    sequence: '0000000001',
    data: {
      deviceId,
      readings: values.map((value, i) => ({ variable: 'active_power', ts: `2026-04-04T0${i}:00:00.000Z`, value })),
    },
  });
/** Sends with the SDK's emitter and HTTP transport; the answer body, parsed. */
async function emit(path: string, event: CloudEvent<unknown>, mode: Mode.BINARY | Mode.STRUCTURED) {
  const send = emitterFor(httpTransport(`${base}${path}`), { binding: HTTP, mode });
  const response = (await send(event, { headers: auth(INGEST_TOKEN) })) as { body: string };
  return JSON.parse(response.body) as Record<string, unknown>;
}
/** The batched mode has no serializer in the SDK: its events' JSON, as §3.3 of the binding lays out. */
const sendBatch = (path: string, events: unknown[]) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    body: JSON.stringify(events),
    headers: { ...auth(INGEST_TOKEN), 'content-type': CONSTANTS.MIME_CE_BATCH },
  });
const storedValues = async (deviceId: string) =>
  (await readBack(bus.bus, TOPICS.measurements, 1))
    .filter((r) => r.key?.toString() === deviceId)
    .flatMap((r) => json(r).data.readings.map((x) => x.value));

describe('CloudEvents on POST /v1/ingest/measurements', () => {
  it.each([
    ['structured', Mode.STRUCTURED],
    ['binary', Mode.BINARY],
  ] as const)('accepts a MeasurementsRecorded event in %s mode, reading by reading', async (name, mode) => {
    const answer = await emit('/v1/ingest/measurements', readingsEvent(`ce-${name}`, [1.5, 'high', 2.5]), mode);
    expect(answer).toMatchObject({ accepted: 2, rejected: [{ index: 1, code: 'READING_INVALID' }] });
    expect(await storedValues(`ce-${name}`)).toEqual([1.5, 2.5]);
  });

  it('accepts a batch of events, with `index` counting readings across them', async () => {
    const res = await sendBatch('/v1/ingest/measurements', [
      readingsEvent('ce-b1', [1, 2]),
      readingsEvent('ce-b2', [3, 1e300]),
    ]);
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({
      accepted: 3,
      rejected: [{ index: 3, code: 'READING_VALUE_OUT_OF_RANGE' }],
    });
    expect([await storedValues('ce-b1'), await storedValues('ce-b2')]).toEqual([[1, 2], [3]]);
  });

  it('refuses an event of another type, or not a CloudEvent, with 400 REQUEST_INVALID and publishes nothing of the request', async () => {
    const wrongType = new CloudEvent({
      type: 'OrganizationRegistered',
      source: '/p',
      data: { organizationId: 'o', name: 'O', visibility: 'public' },
    });
    const res = await sendBatch('/v1/ingest/measurements', [readingsEvent('ce-none', [1]), wrongType]);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      code: 'REQUEST_INVALID',
      detail: expect.stringContaining('MeasurementsRecorded'),
    });
    const noId = await sendBatch('/v1/ingest/measurements', [
      { specversion: '1.0', source: '/p', type: 'MeasurementsRecorded', data: { deviceId: 'ce-none', readings: [] } },
    ]);
    expect(await noId.json()).toMatchObject({ status: 400, code: 'REQUEST_INVALID', errors: [{ path: '/0' }] });
    expect(await storedValues('ce-none')).toEqual([]);
  });
});

describe('CloudEvents on POST /v1/ingest/catalog', () => {
  const organization = (organizationId: string) =>
    new CloudEvent({
      type: 'OrganizationRegistered',
      source: '/pipelines/acme',
      time: '2026-04-01T09:00:00-03:00',
      data: { organizationId, name: 'Org', visibility: 'public' },
    });

  it.each([
    ['structured', Mode.STRUCTURED],
    ['binary', Mode.BINARY],
  ] as const)('keeps the id and time of an event sent in %s mode', async (name, mode) => {
    const event = organization(`org-ce-${name}`);
    expect(await emit('/v1/ingest/catalog', event, mode)).toEqual({ accepted: 1, rejected: [] });
    const stored = (await readBack(bus.bus, TOPICS.catalog, 1)).map(json).find((e) => e.subject === `org-ce-${name}`)!;
    expect(decodeEvent(stored).ok).toBe(true);
    expect(stored).toMatchObject({
      id: event.id,
      time: '2026-04-01T12:00:00.000Z',
      sequence: '0000000000',
      type: 'OrganizationRegistered',
    });
  });

  it('rejects, one by one, the events of a batch whose context attributes or data are invalid', async () => {
    const res = await sendBatch('/v1/ingest/catalog', [
      organization('org-ce-b'),
      { specversion: '1.0', id: 'x', type: 'OrganizationRegistered', data: {} },
      new CloudEvent({ type: 'DeviceStatusChanged', source: '/p', data: { deviceId: 'd', status: 'exploded' } }),
    ]);
    expect(await res.json()).toMatchObject({
      accepted: 1,
      rejected: [
        { index: 1, code: 'EVENT_INVALID' },
        { index: 2, code: 'EVENT_DATA_INVALID' },
      ],
    });
  });
});
