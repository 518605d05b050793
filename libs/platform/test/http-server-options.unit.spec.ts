import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, createMetrics, loadConfig } from '../src/index.ts';
import { sendAndStall } from '../src/testing/slow-client.ts';

/** Short bounds so a stalled client is cut within seconds (the defaults are 10 s and 60 s). */
const HEADERS_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 2_000;
/** Node looks for expired requests once a second; plus a margin for a machine shared with other tests. */
const CHECK_SLACK_MS = 2_000;

let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  const config = loadConfig(
    {},
    {
      LOG_LEVEL: 'silent',
      MEDIDO_HTTP_HEADERS_TIMEOUT_MS: HEADERS_TIMEOUT_MS,
      MEDIDO_HTTP_REQUEST_TIMEOUT_MS: REQUEST_TIMEOUT_MS,
    },
  );
  app = createHttpApp({ config, metrics: createMetrics('test') });
  app.get(
    '/things/:id',
    { schema: { params: { type: 'object', properties: { id: { type: 'string', maxLength: 128 } } } } },
    async (req) => req.params,
  );
  app.post('/things', async (req) => ({ got: req.body }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await app.close();
});

/** A raw GET (fetch would refuse the oversized header before sending it). */
function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; type: string | undefined; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    request(`http://127.0.0.1:${port}${path}`, { headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => {
        text += c.toString();
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode!,
          type: res.headers['content-type'],
          body: JSON.parse(text) as Record<string, unknown>,
        }),
      );
    })
      .on('error', reject)
      .end();
  });
}

describe('the shared HTTP server options', () => {
  it('lets an over-long path parameter reach its route, whose schema refuses it as problem+json', async () => {
    const res = await get(`/things/${'x'.repeat(300)}`);
    expect([res.status, res.type, res.body.code]).toEqual([
      400,
      'application/problem+json; charset=utf-8',
      'REQUEST_INVALID',
    ]);
  });

  it('answers a malformed URL with a 400 problem', async () => {
    const res = await get('/things/%E0%A4%A');
    expect([res.status, res.body.code]).toEqual([400, 'REQUEST_INVALID']);
  });

  it('answers a URL over 16 KiB with 414 (RFC 9110 §15.5.15), not 431', async () => {
    const res = await get(`/things/a?cursor=${'c'.repeat(17_000)}`);
    expect([res.status, res.type, res.body.code]).toEqual([
      414,
      'application/problem+json; charset=utf-8',
      'URI_TOO_LONG',
    ]);
  });

  it('answers headers over 16 KiB with a 431 problem (RFC 6585 §5), however far over', async () => {
    for (const size of [20_000, 70_000]) {
      const res = await get('/things/a', { 'x-padding': 'p'.repeat(size) });
      expect([res.status, res.body.code, res.body.status]).toEqual([431, 'REQUEST_HEADERS_TOO_LARGE', 431]);
    }
  });
});

describe('a slow client (a raw socket that stalls)', () => {
  it('gets 408 problem+json and a closed connection when its headers stall', async () => {
    const answer = await sendAndStall(port, 'GET /things/a HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half', 15_000);
    expect(answer.status).toBe(408);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(answer.body)).toMatchObject({ status: 408, code: 'REQUEST_TIMEOUT' });
    expect(answer.elapsedMs).toBeLessThan(HEADERS_TIMEOUT_MS + CHECK_SLACK_MS);
  });

  it('gets 408 problem+json and a closed connection when its body stalls halfway', async () => {
    const body = JSON.stringify({ padding: 'x'.repeat(1000) });
    const head = `POST /things HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const answer = await sendAndStall(port, head + body.slice(0, body.length / 2), 15_000);
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 408, code: 'REQUEST_TIMEOUT' });
    expect(answer.elapsedMs).toBeLessThan(REQUEST_TIMEOUT_MS + CHECK_SLACK_MS);
  });

  it('leaves a client that sends its whole request in time alone', async () => {
    const body = JSON.stringify({ a: 1 });
    const answer = await sendAndStall(
      port,
      `POST /things HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      15_000,
    );
    expect([answer.status, JSON.parse(answer.body)]).toEqual([200, { got: { a: 1 } }]);
  });
});
