import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendAndStall } from '@medido/platform/testing/slow-client';
import { buildIngestorApp } from '../src/app.ts';
import { embeddedBus, INGEST_TOKEN, reading, SwitchableBus, testConfig } from './ingestor-fixtures.ts';

/**
 * Issue 12.2 as a stalled meter pipeline (a valid credential) or an attacker holding connections:
 * half an ingest body, then silence. Before, the ingestor held the connection for 335 s and more.
 */
const REQUEST_TIMEOUT_MS = 2_000;
const BOUND_MS = REQUEST_TIMEOUT_MS + 1_000 /* Node's check interval */ + 1_000; /* a shared machine */

let env: Awaited<ReturnType<typeof embeddedBus>>;
let bus: SwitchableBus;
let app: FastifyInstance;
let port: number;
beforeAll(async () => {
  env = await embeddedBus();
  bus = new SwitchableBus(env.bus);
  app = buildIngestorApp({
    config: testConfig({ MEDIDO_HTTP_REQUEST_TIMEOUT_MS: REQUEST_TIMEOUT_MS, MEDIDO_HTTP_HEADERS_TIMEOUT_MS: 1_000 }),
    bus,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await app?.close();
  await env?.dispose();
});

function ingestHead(contentType: string, length: number): string {
  return (
    `POST /v1/ingest/measurements HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${INGEST_TOKEN}\r\n` +
    `Content-Type: ${contentType}\r\nContent-Length: ${length}\r\n\r\n`
  );
}

describe('an ingest request whose body stalls halfway', () => {
  it('gets 408 problem+json within the request timeout, and nothing is published', async () => {
    const body = JSON.stringify({ readings: [reading(), reading({ ts: '2026-04-04T03:15:00.000Z' })] });
    const answer = await sendAndStall(
      port,
      ingestHead('application/json', body.length) + body.slice(0, body.length / 2),
      30_000,
    );
    expect([answer.status, answer.headers['content-type']]).toEqual([408, 'application/problem+json']);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'REQUEST_TIMEOUT', status: 408 });
    expect(answer.elapsedMs).toBeLessThan(BOUND_MS);
    expect(bus.published).toBe(0);
  });

  it('gets 408 as NDJSON too, though the lines already sent were complete', async () => {
    const lines = `${JSON.stringify(reading())}\n${JSON.stringify(reading({ ts: '2026-04-04T03:15:00.000Z' }))}\n`;
    const answer = await sendAndStall(port, ingestHead('application/x-ndjson', lines.length + 500) + lines, 30_000);
    expect(answer.status).toBe(408);
    expect(answer.elapsedMs).toBeLessThan(BOUND_MS);
    expect(bus.published).toBe(0);
  });
});
