import { TOPICS, decodeEvent } from '@medido/contracts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIngestorApp } from '../src/app.ts';
import { INGEST_TOKEN, auth, embeddedBus, json, readBack, reading, testConfig } from './ingestor-fixtures.ts';

const NOW = Date.parse('2026-04-04T12:00:00.000Z');
let app: FastifyInstance;
let bus: Awaited<ReturnType<typeof embeddedBus>>;
beforeAll(async () => {
  bus = await embeddedBus();
  app = buildIngestorApp({
    config: testConfig({ MEDIDO_INGEST_MAX_BODY_BYTES: 64 * 1024 }),
    bus: bus.bus,
    now: () => NOW,
  });
});
afterAll(async () => {
  await app.close();
  await bus.dispose();
});

const post = (payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: '/v1/ingest/measurements',
    payload: payload as string,
    headers: {
      ...auth(INGEST_TOKEN),
      ...(typeof payload === 'string' ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
  });
const ndjson = (lines: string[]) => post(lines.join('\n'), { 'content-type': 'application/x-ndjson' });

describe('POST /v1/ingest/measurements', () => {
  it('accepts valid readings, lists each invalid one, and publishes the valid ones per device', async () => {
    const before = (await readBack(bus.bus, TOPICS.measurements, 0)).length;
    const res = await post(
      {
        readings: [
          reading({ deviceId: 'm-1', ts: '2026-04-04T00:00:00-03:00', value: 1 }),
          reading({ deviceId: 'm-1', ts: '2026-04-04T04:00:00.1234+01:00', value: 2, quality: undefined }),
          reading({ deviceId: 'm-2', value: 'high' }),
          reading({ deviceId: 'm-2', ts: '2026-04-04T12:05:00.001Z' }),
          reading({ deviceId: 'm-2', ts: '1969-12-31T23:59:59.999Z' }),
          reading({ deviceId: 'm-2', ts: '2026-04-04 03:00' }),
          reading({ deviceId: 'bad id!' }),
          'not an object',
          reading({ deviceId: 'm-2', ts: '2026-04-04T12:05:00.000Z', value: -0.5, quality: 'estimated' }),
        ],
      },
      { 'x-request-id': 'pipeline-42' },
    );

    expect(res.statusCode).toBe(202);
    expect(res.headers['x-request-id']).toBe('pipeline-42');
    const body = res.json();
    expect(body.accepted).toBe(3);
    expect(body.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [2, 'READING_INVALID'],
      [3, 'READING_TIMESTAMP_IN_FUTURE'],
      [4, 'READING_TIMESTAMP_TOO_OLD'],
      [5, 'READING_TIMESTAMP_INVALID'],
      [6, 'READING_INVALID'],
      [7, 'READING_INVALID'],
    ]);
    expect(body.rejected[0].message).toContain('/value');

    const records = (await readBack(bus.bus, TOPICS.measurements, before + 2)).slice(before);
    expect(records.map((r) => r.key!.toString()).sort()).toEqual(['m-1', 'm-2']);
    const m1 = json(records.find((r) => r.key!.toString() === 'm-1')!);
    expect(decodeEvent(m1).ok).toBe(true);
    expect(m1).toMatchObject({
      specversion: '1.0',
      type: 'MeasurementsRecorded',
      source: '/medido/ingestor',
      subject: 'm-1',
      time: '2026-04-04T12:00:00.000Z',
    });
    expect(m1.data).toEqual({
      deviceId: 'm-1',
      readings: [
        { variable: 'active_energy_import', ts: '2026-04-04T03:00:00.000Z', value: 1, quality: 'measured' },
        { variable: 'active_energy_import', ts: '2026-04-04T03:00:00.123Z', value: 2 },
      ],
    });
    const m2 = records.find((r) => r.key!.toString() === 'm-2')!;
    expect(json(m2).data.readings).toEqual([
      { variable: 'active_energy_import', ts: '2026-04-04T12:05:00.000Z', value: -0.5, quality: 'estimated' },
    ]);
    expect(m2.headers['medido-request-id']!.toString()).toBe('pipeline-42');
    expect(m2.headers['ce-type']!.toString()).toBe('MeasurementsRecorded');
  });

  it('rejects non-finite values: 1e400 in JSON, NaN and Infinity in NDJSON', async () => {
    const res = await post(
      '{"readings":[{"deviceId":"n-1","variable":"power","ts":"2026-04-04T03:00:00Z","value":1e400},' +
        '{"deviceId":"n-1","variable":"power","ts":"2026-04-04T03:00:00Z","value":-1e400},' +
        '{"deviceId":"n-1","variable":"power","ts":"2026-04-04T03:15:00Z","value":5}]}',
      { 'content-type': 'application/json' },
    );
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({
      accepted: 1,
      rejected: [
        { index: 0, code: 'READING_VALUE_NOT_FINITE', message: 'value must be a finite number' },
        { index: 1, code: 'READING_VALUE_NOT_FINITE', message: 'value must be a finite number' },
      ],
    });

    const nd = await ndjson([
      JSON.stringify(reading({ deviceId: 'n-2' })),
      '{"deviceId":"n-2","variable":"power","ts":"2026-04-04T03:00:00Z","value":NaN}',
      '',
      '{"deviceId":"n-2","variable":"power","ts":"2026-04-04T03:00:00Z","value": -Infinity}',
      '{"deviceId":"n-2",',
      JSON.stringify(reading({ deviceId: 'n-2', ts: '2026-04-04T03:15:00Z' })),
    ]);
    expect(nd.statusCode).toBe(202);
    const body = nd.json();
    expect(body.accepted).toBe(2);
    expect(body.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [1, 'READING_VALUE_NOT_FINITE'],
      [2, 'READING_VALUE_NOT_FINITE'],
      [3, 'READING_INVALID'],
    ]);
    expect(body.rejected[2].message).toMatch(/^line is not valid JSON/);
  });

  it('reads NDJSON with CRLF line ends, a charset parameter and no final newline', async () => {
    const res = await post(
      [reading({ deviceId: 'crlf' }), reading({ deviceId: 'crlf', ts: '2026-04-04T03:15:00Z' })]
        .map((r) => JSON.stringify(r))
        .join('\r\n'),
      { 'content-type': 'application/x-ndjson; charset=utf-8' },
    );
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ accepted: 2, rejected: [] });
  });

  it.each([
    ['malformed JSON', '{"readings": [', 'application/json', 400, 'REQUEST_BODY_MALFORMED'],
    ['a JSON array', '[]', 'application/json', 400, 'REQUEST_INVALID'],
    ['readings that are not an array', '{"readings": {"deviceId": "x"}}', 'application/json', 400, 'REQUEST_INVALID'],
    ['an unknown member', '{"readings": [], "device": "x"}', 'application/json', 400, 'REQUEST_INVALID'],
    ['an empty batch', '{"readings": []}', 'application/json', 400, 'INGEST_BATCH_EMPTY'],
    ['an empty NDJSON body', '\n\n', 'application/x-ndjson', 400, 'INGEST_BATCH_EMPTY'],
    ['a form body', 'readings=1', 'application/x-www-form-urlencoded', 415, 'MEDIA_TYPE_UNSUPPORTED'],
    ['text', 'hello', 'text/plain', 415, 'MEDIA_TYPE_UNSUPPORTED'],
  ])('answers %s with a problem', async (_case, payload, contentType, status, code) => {
    const res = await post(payload, { 'content-type': contentType });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status, code, instance: '/v1/ingest/measurements' });
  });

  it('refuses bodies over the configured size, as JSON and as a stream of NDJSON', async () => {
    const many = { readings: Array.from({ length: 1000 }, (_, i) => reading({ value: i })) };
    const big = await post(many);
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('REQUEST_BODY_TOO_LARGE');
    const lines = many.readings.map((r) => JSON.stringify(r));
    const nd = await ndjson(lines);
    expect(nd.statusCode).toBe(413);
    expect(nd.json().code).toBe('REQUEST_BODY_TOO_LARGE');
  });
});
