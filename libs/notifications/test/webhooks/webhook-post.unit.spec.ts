import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkWebhookUrl, parseWebhookAllowList } from '@medido/platform';
import { postWebhook } from '../../src/webhooks/webhook-post.ts';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise((r) => {
          s.closeAllConnections();
          s.close(r);
        }),
    ),
  );
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<number> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}
const allow = parseWebhookAllowList(['127.0.0.1', 'receiver.test']);

describe('webhook POST (attacker-side receivers)', () => {
  it('does not follow a redirect, not even to an address the allow-list admits', async () => {
    let reached = 0;
    const inner = await serve((_req, res) => {
      reached++;
      res.end();
    });
    const port = await serve((_req, res) => {
      res.writeHead(307, { location: `http://127.0.0.1:${inner}/internal` });
      res.end();
    });
    const outcome = await postWebhook(await checkWebhookUrl(`http://127.0.0.1:${port}/`, allow), '{}', {}, 2000);
    expect(outcome).toMatchObject({ ok: false, status: 307, error: 'HTTP 307: redirects are not followed' });
    expect(reached).toBe(0);
  });

  it('gives up on a receiver that does not answer in time', async () => {
    const port = await serve(() => {
      /* never answers */
    });
    const started = Date.now();
    const outcome = await postWebhook(await checkWebhookUrl(`http://127.0.0.1:${port}/`, allow), '{}', {}, 200);
    expect(outcome).toEqual({ ok: false, error: 'no answer within 200 ms' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('reads at most a small part of an endless error body', async () => {
    const port = await serve((_req, res) => {
      res.writeHead(500);
      const chunk = 'x'.repeat(64 * 1024);
      const pump = () => {
        while (res.write(chunk));
      };
      res.on('drain', pump);
      pump();
    });
    const outcome = await postWebhook(await checkWebhookUrl(`http://127.0.0.1:${port}/`, allow), '{}', {}, 2000);
    expect(outcome.ok).toBe(false);
    expect(outcome.error!.length).toBeLessThan(300);
  });

  it('connects to the address the guard checked, not to a second DNS answer (rebinding)', async () => {
    let answers = 0;
    const port = await serve((req, res) => {
      res.end();
      expect(req.headers.host).toBe(`receiver.test:${req.socket.localPort}`);
    });
    // First answer (checked): loopback, allow-listed. A second lookup would say something else.
    const resolve = async () =>
      answers++ === 0 ? [{ address: '127.0.0.1', family: 4 as const }] : [{ address: '10.9.9.9', family: 4 as const }];
    const checked = await checkWebhookUrl(`http://receiver.test:${port}/hook`, allow, resolve);
    expect(await postWebhook(checked, '{}', {}, 2000)).toEqual({ ok: true, status: 200 });
    expect(answers).toBe(1);
  });
});
