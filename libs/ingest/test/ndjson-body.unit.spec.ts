import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { MalformedLine } from '../src/index.ts';
import { NdjsonBody, parseNdjson } from '../src/measurements/ndjson-body.ts';

const request = (headers: Record<string, string> = {}) => ({ headers }) as unknown as FastifyRequest;
const limits = { maxBytes: 1000, maxItems: 3 };
const parse = (chunks: (string | Buffer)[], headers?: Record<string, string>, l = limits) =>
  parseNdjson(request(headers), Readable.from(chunks.map((c) => Buffer.from(c))), l);

describe('parseNdjson', () => {
  it('splits lines across chunk boundaries, including inside a multi-byte character', async () => {
    const line = '{"name":"Ñuñoa"}';
    const bytes = Buffer.from(`${line}\n${line}`);
    const cut = bytes.indexOf(Buffer.from('Ñ')) + 1; // between the two bytes of Ñ
    const body = await parse([bytes.subarray(0, cut), bytes.subarray(cut)]);
    expect(body).toBeInstanceOf(NdjsonBody);
    expect(body.items).toEqual([{ name: 'Ñuñoa' }, { name: 'Ñuñoa' }]);
  });

  it('skips blank lines and keeps a malformed line in its place', async () => {
    const body = await parse(['{"a":1}\r\n\n  \n{"b":\n{"c":3}\n']);
    expect(body.items).toHaveLength(3);
    expect(body.items[1]).toBeInstanceOf(MalformedLine);
    expect(body.items[2]).toEqual({ c: 3 });
  });

  it('stops at the item limit and at the byte limit, declared or streamed', async () => {
    await expect(parse(['{}\n{}\n{}\n{}\n'])).rejects.toMatchObject({ code: 'INGEST_BATCH_TOO_LARGE' });
    await expect(parse(['{}'], { 'content-length': '1001' })).rejects.toMatchObject({ code: 'REQUEST_BODY_TOO_LARGE' });
    await expect(parse(['x'.repeat(600), 'x'.repeat(600)], {}, { maxBytes: 1000, maxItems: 10 })).rejects.toMatchObject(
      { code: 'REQUEST_BODY_TOO_LARGE' },
    );
  });
});
