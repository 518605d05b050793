import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningJwk, signingKeyFromPrivateJwk } from '@medido/auth';
import { sendAndStall } from '@medido/platform/testing/slow-client';
import { buildApiApp } from '../src/app.ts';
import { fakeCatalog, fakeMeasurements, testConfig } from './fakes.ts';

/**
 * Issue 12.2 from the attacker's side: no credential at all, half a form body, then silence. Before,
 * /auth/token and /auth/revoke held such a connection for 75 s and more; now the request timeout cuts it.
 */
const REQUEST_TIMEOUT_MS = 2_000;
const BOUND_MS = REQUEST_TIMEOUT_MS + 1_000 /* Node's check interval */ + 1_000; /* a shared machine */

const app = buildApiApp({
  config: testConfig({ MEDIDO_HTTP_REQUEST_TIMEOUT_MS: REQUEST_TIMEOUT_MS, MEDIDO_HTTP_HEADERS_TIMEOUT_MS: 1_000 }),
  catalog: fakeCatalog([]),
  measurements: fakeMeasurements(),
  keys: [signingKeyFromPrivateJwk(generateSigningJwk())],
  accessEvents: { publish: async () => {} },
});
let port: number;
beforeAll(async () => {
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await app.close();
});

describe('a client that stalls halfway through its body', () => {
  for (const path of ['/auth/token', '/auth/revoke']) {
    it(`gets 408 problem+json on ${path} within the request timeout, without any credential`, async () => {
      const body = 'grant_type=refresh_token&refresh_token=mdo_rt_' + 'x'.repeat(43);
      const head = `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`;
      const answer = await sendAndStall(port, head + body.slice(0, 20), 30_000);
      expect([answer.status, answer.headers['content-type']]).toEqual([408, 'application/problem+json']);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'REQUEST_TIMEOUT', status: 408 });
      expect(answer.elapsedMs).toBeLessThan(BOUND_MS);
    });
  }

  it('gets 408 when it stops halfway through its headers', async () => {
    const answer = await sendAndStall(port, 'POST /auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty', 30_000);
    expect(answer.status).toBe(408);
    expect(answer.elapsedMs).toBeLessThan(1_000 + 2_000);
  });
});
