import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpServerOptions, problemHandler } from '../src/index.ts';

let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  app = Fastify({ ...httpServerOptions(), logger: false });
  await app.register(problemHandler);
  app.get('/things/:id', { schema: { params: { type: 'object', properties: { id: { type: 'string', maxLength: 128 } } } } }, async (req) => req.params);
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(async () => { await app.close(); });

/** A raw GET (fetch would refuse the oversized header before sending it). */
function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string | undefined; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    request(`${base}${path}`, { headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => { text += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'], body: JSON.parse(text) as Record<string, unknown> }));
    }).on('error', reject).end();
  });
}

describe('httpServerOptions', () => {
  it('lets an over-long path parameter reach its route, whose schema refuses it as problem+json', async () => {
    const res = await get(`/things/${'x'.repeat(300)}`);
    expect([res.status, res.type, res.body.code]).toEqual([400, 'application/problem+json; charset=utf-8', 'REQUEST_INVALID']);
  });

  it('answers a malformed URL with a 400 problem', async () => {
    const res = await get('/things/%E0%A4%A');
    expect([res.status, res.body.code]).toEqual([400, 'REQUEST_INVALID']);
  });

  it('answers headers over 16 KiB with a 431 problem (RFC 6585 §5)', async () => {
    const res = await get('/things/a', { 'x-padding': 'p'.repeat(20_000) });
    expect([res.status, res.type, res.body.code, res.body.status]).toEqual([431, 'application/problem+json', 'REQUEST_HEADERS_TOO_LARGE', 431]);
  });
});
