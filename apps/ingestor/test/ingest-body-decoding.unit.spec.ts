import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { TOPICS } from '@medido/contracts';
import { describe, expect, it } from 'vitest';
import { buildIngestorApp } from '../src/app.ts';
import { INGEST_TOKEN, auth, json, readBack, reading, switchableIngestor, testConfig } from './ingestor-fixtures.ts';

/**
 * Issue 12 §5, from a careless or hostile meter pipeline's side: bodies that were silently misread
 * (Content-Encoding ignored, duplicate members last-wins, overflowing values, `__proto__` called
 * "not valid JSON").
 */
const NOW = Date.parse('2026-04-04T12:00:00.000Z');
const LIMIT = 64 * 1024;
const ingestor = switchableIngestor({ MEDIDO_INGEST_MAX_BODY_BYTES: LIMIT }, { now: () => NOW });

const post = (payload: string | Buffer, headers: Record<string, string>) =>
  ingestor.app.inject({
    method: 'POST',
    url: '/v1/ingest/measurements',
    payload,
    headers: { ...auth(INGEST_TOKEN), 'content-type': 'application/json', ...headers },
  });
const body = (deviceId: string, n = 2) =>
  JSON.stringify({
    readings: Array.from({ length: n }, (_, i) => reading({ deviceId, ts: `2026-04-04T0${i}:00:00.000Z`, value: i })),
  });
const published = async (deviceId: string) =>
  (await readBack(ingestor.embedded, TOPICS.measurements, 1))
    .filter((r) => r.key?.toString() === deviceId)
    .flatMap((r) => json(r).data.readings.map((x) => x.value));

describe('Content-Encoding on the ingest endpoints', () => {
  it.each([
    ['gzip', gzipSync],
    ['x-gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const)('decodes a %s body (JSON) and stores what was sent', async (coding, compress) => {
    const res = await post(compress(Buffer.from(body(`z-${coding}`))), { 'content-encoding': coding });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ accepted: 2, rejected: [] });
    expect(await published(`z-${coding}`)).toEqual([0, 1]);
  });

  it('decodes a gzip NDJSON body as it streams', async () => {
    const lines = [
      reading({ deviceId: 'z-nd', value: 7 }),
      reading({ deviceId: 'z-nd', ts: '2026-04-04T01:00:00Z', value: 8 }),
    ]
      .map((r) => JSON.stringify(r))
      .join('\n');
    const res = await post(gzipSync(lines), { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' });
    expect(res.json()).toEqual({ accepted: 2, rejected: [] });
    expect(await published('z-nd')).toEqual([7, 8]);
  });

  it.each(['gzip', 'deflate', 'br'])(
    'refuses plain JSON labelled %s: 400 REQUEST_BODY_ENCODING_INVALID, nothing published',
    async (coding) => {
      const before = ingestor.bus.published;
      const res = await post(body('z-liar'), { 'content-encoding': coding });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'REQUEST_BODY_ENCODING_INVALID' });
      expect(res.json().detail).toContain(`not valid ${coding}`);
      expect(ingestor.bus.published).toBe(before);
    },
  );

  it.each(['compress', 'zstd', 'gzip, br', 'gzip, gzip'])(
    'answers Content-Encoding %j with 415 and the codings it accepts',
    async (coding) => {
      const res = await post(gzipSync(body('z-415')), { 'content-encoding': coding });
      expect(res.statusCode).toBe(415);
      expect(res.json()).toMatchObject({ code: 'CONTENT_ENCODING_UNSUPPORTED' });
      expect(res.headers['accept-encoding']).toBe('gzip, deflate, br');
    },
  );

  it('counts the DECOMPRESSED bytes: a 100 kB gzip of 16 MB answers 413, as JSON and as NDJSON', async () => {
    const bomb = gzipSync(`{"readings":[${' '.repeat(16 * 1024 * 1024)}]}`);
    expect(bomb.length).toBeLessThan(LIMIT);
    const before = ingestor.bus.published;
    for (const type of ['application/json', 'application/x-ndjson']) {
      const res = await post(bomb, { 'content-type': type, 'content-encoding': 'gzip' });
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ code: 'REQUEST_BODY_TOO_LARGE' });
    }
    expect(ingestor.bus.published).toBe(before);
  });

  it('answers the bomb with 413 over a real socket too (the connection is not reset before the answer)', async () => {
    const other = buildIngestorApp({
      config: testConfig({ MEDIDO_INGEST_MAX_BODY_BYTES: LIMIT }),
      bus: ingestor.bus,
      now: () => NOW,
    });
    try {
      const base = await other.listen({ port: 0, host: '127.0.0.1' });
      const res = await fetch(`${base}/v1/ingest/measurements`, {
        method: 'POST',
        body: gzipSync(`{"readings":[${' '.repeat(16 * 1024 * 1024)}]}`),
        headers: { ...auth(INGEST_TOKEN), 'content-type': 'application/json', 'content-encoding': 'gzip' },
      });
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ code: 'REQUEST_BODY_TOO_LARGE' });
    } finally {
      await other.close();
    }
  });

  it('still accepts a compressed body whose decoded size is just within the limit', async () => {
    const text = body('z-fit');
    const padded = text.replace('{"readings"', `{${' '.repeat(LIMIT - text.length - 1)}"readings"`);
    expect(Buffer.byteLength(padded)).toBe(LIMIT - 1);
    expect((await post(gzipSync(padded), { 'content-encoding': 'gzip' })).statusCode).toBe(202);
  });
});

describe('JSON that JSON.parse reads differently from what was meant', () => {
  it('refuses a reading with deviceId twice (it was stored under the second) with REQUEST_BODY_DUPLICATE_MEMBER', async () => {
    const before = ingestor.bus.published;
    const res = await post(
      '{"readings":[{"deviceId":"m-a","variable":"v","ts":"2026-04-04T03:00:00Z","value":1,"deviceId":"m-b"}]}',
      {},
    );
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'REQUEST_BODY_DUPLICATE_MEMBER' });
    expect(res.json().detail).toContain('/readings/0/deviceId');
    expect(ingestor.bus.published).toBe(before);
  });

  it('refuses "readings" twice (the first array was dropped), also when spelled with an escape', async () => {
    const one = JSON.stringify([reading({ deviceId: 'm-1' })]);
    for (const payload of [`{"readings":${one},"readings":${one}}`, `{"readings":${one},"r\\u0065adings":${one}}`]) {
      const res = await post(payload, {});
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'REQUEST_BODY_DUPLICATE_MEMBER',
        detail: expect.stringContaining('"readings"'),
      });
    }
  });

  it('rejects only the NDJSON line with a duplicate member, READING_DUPLICATE_MEMBER, and accepts the others', async () => {
    const lines = [
      JSON.stringify(reading({ deviceId: 'nd-dup' })),
      '{"deviceId":"nd-dup","deviceId":"nd-other","variable":"v","ts":"2026-04-04T03:00:00Z","value":1}',
    ];
    const res = await post(lines.join('\n'), { 'content-type': 'application/x-ndjson' });
    expect(res.json()).toMatchObject({ accepted: 1, rejected: [{ index: 1, code: 'READING_DUPLICATE_MEMBER' }] });
  });

  it('names what is refused in a body with a "__proto__" member (valid JSON, not "not valid JSON")', async () => {
    const res = await post(
      `{"readings":[${JSON.stringify(reading()).replace('{', '{"__proto__":{"admin":true},')}]}`,
      {},
    );
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'REQUEST_BODY_FORBIDDEN_MEMBER',
      detail: expect.stringContaining('__proto__'),
    });
    const line = await post(`{"__proto__":1,"deviceId":"x"}`, { 'content-type': 'application/x-ndjson' });
    expect(line.json()).toMatchObject({ accepted: 0, rejected: [{ index: 0, code: 'READING_FORBIDDEN_MEMBER' }] });
  });

  it('still answers 400 REQUEST_BODY_MALFORMED for text that is not JSON', async () => {
    expect((await post('{"readings":[', {})).json()).toMatchObject({ status: 400, code: 'REQUEST_BODY_MALFORMED' });
    expect((await post(gzipSync('{"readings":['), { 'content-encoding': 'gzip' })).json()).toMatchObject({
      code: 'REQUEST_BODY_MALFORMED',
    });
  });
});

describe('reading values', () => {
  it('refuses 1e308 and 1.7e308 per item (their day summed to Infinity) and accepts ±10^15', async () => {
    const res = await post(
      JSON.stringify({
        readings: [
          reading({ deviceId: 'big', ts: '2026-04-04T01:00:00Z', value: 1e308 }),
          reading({ deviceId: 'big', ts: '2026-04-04T02:00:00Z', value: 1.7e308 }),
          reading({ deviceId: 'big', ts: '2026-04-04T03:00:00Z', value: 1e15 }),
          reading({ deviceId: 'big', ts: '2026-04-04T04:00:00Z', value: -1e15 }),
        ],
      }),
      {},
    );
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({
      accepted: 2,
      rejected: [
        { index: 0, code: 'READING_VALUE_OUT_OF_RANGE' },
        { index: 1, code: 'READING_VALUE_OUT_OF_RANGE' },
      ],
    });
    expect(await published('big')).toEqual([1e15, -1e15]);
  });
});
