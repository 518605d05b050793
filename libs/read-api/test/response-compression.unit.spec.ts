import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressAnswer, negotiateCoding, SUPPORTED } from '../src/http/response-compression.ts';
import { harness } from './fakes/harness.ts';
import { register } from './fakes/world.ts';

const E = 'active_energy_import';
const decode: Record<string, (b: Buffer) => Buffer> = {
  gzip: zlib.gunzipSync,
  br: zlib.brotliDecompressSync,
  ...(zlib.zstdDecompressSync ? { zstd: zlib.zstdDecompressSync } : {}),
};

describe('negotiating a content coding (RFC 9110 §12.5.3)', () => {
  it('takes the highest q-value, the server preference on ties, and refuses q=0', () => {
    expect(negotiateCoding(undefined)).toBeNull();
    expect(negotiateCoding('identity')).toBeNull();
    expect(negotiateCoding('gzip')).toBe('gzip');
    expect(negotiateCoding('gzip;q=1, br;q=0.5')).toBe('gzip');
    expect(negotiateCoding('gzip, br')).toBe('br');
    expect(negotiateCoding('GZIP;q=0.8, *;q=0.1')).toBe('gzip');
    expect(negotiateCoding('*')).toBe(SUPPORTED[0]);
    expect(negotiateCoding('br;q=0, gzip;q=0, *;q=0')).toBeNull();
    expect(negotiateCoding('*, zstd;q=0, br;q=0')).toBe('gzip');
  });

  it('never compresses a format that is compressed already', async () => {
    const headers: Record<string, string> = { 'content-type': 'application/vnd.apache.parquet' };
    const reply = {
      getHeader: (n: string) => headers[n],
      header: (n: string, v: string) => {
        headers[n] = v;
      },
      removeHeader: () => {},
    };
    const payload = Readable.from([Buffer.alloc(100_000)]);
    const request = { headers: { 'accept-encoding': 'gzip, br' } };
    expect(await compressAnswer(request as never, reply as never, payload)).toBe(payload);
    expect(headers['content-encoding']).toBeUndefined();
  });
});

describe('compressed answers', async () => {
  const h = await harness({
    readings: register('pub-dev-a1', E, '2026-04-01T00:00:00Z', '2026-04-08T00:00:00Z', 900_000, 100, 0.25),
  });
  const token = h.tokens.consumer('c');
  const get = (url: string, headers: Record<string, string>) =>
    h.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}`, ...headers } });
  const week = `/v1/measurements?installationId=pub-inst&deviceIds=pub-dev-a1&from=2026-04-01T00:00:00-03:00&to=2026-04-08T00:00:00-04:00&frequency=15m`;

  for (const coding of Object.keys(decode)) {
    it(`answers JSON and CSV in ${coding}, the same bytes once decoded, fewer on the wire`, async () => {
      for (const accept of ['application/json', 'text/csv']) {
        const plain = await get(week, { accept });
        const packed = await get(week, { accept, 'accept-encoding': coding });
        expect(plain.headers['content-encoding']).toBeUndefined();
        expect(packed.headers['content-encoding']).toBe(coding);
        expect(String(packed.headers.vary)).toMatch(/Accept-Encoding/);
        expect(decode[coding]!(packed.rawPayload).toString()).toBe(plain.body);
        expect(packed.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
      }
    });
  }

  it('compresses catalog answers with a weak ETag that still revalidates, and leaves small ones alone', async () => {
    const url = '/v1/devices?installationId=pub-inst'; // 1.1 kB
    const plain = await get(url, {});
    const packed = await get(url, { 'accept-encoding': 'gzip' });
    expect(packed.headers['content-encoding']).toBe('gzip');
    expect(packed.headers.etag).toBe(`W/${String(plain.headers.etag)}`);
    expect(zlib.gunzipSync(packed.rawPayload).toString()).toBe(plain.body);
    const again = await get(url, { 'accept-encoding': 'gzip', 'if-none-match': String(packed.headers.etag) });
    expect(again.statusCode).toBe(304);
    const small = await get('/v1/installations', { 'accept-encoding': 'gzip' }); // < 1 kB: not worth a frame
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(String(small.headers.vary)).toMatch(/Accept-Encoding/);
  });

  it('names a CSV download after the scope, the window in its zone and the frequency', async () => {
    const csv = await get(week, { accept: 'text/csv' });
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="measurements_pub-inst_2026-04-01_2026-04-08_15m.csv"',
    );
    const hours = await get(
      `/v1/measurements?unitId=pub-unit-a&from=2026-04-01T06:30:00-03:00&to=2026-04-02T00:00:00-03:00&frequency=1h`,
      { accept: 'text/csv' },
    );
    expect(hours.headers['content-disposition']).toBe(
      'attachment; filename="measurements_pub-unit-a_2026-04-01T06-30_2026-04-02_1h.csv"',
    );
  });
});
