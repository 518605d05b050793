import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedWebhookUrl } from '@medido/platform';

export interface PostOutcome {
  ok: boolean;
  status?: number;
  error?: string;
}
export type PostWebhook = (
  target: CheckedWebhookUrl,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
) => Promise<PostOutcome>;

/** What is read of a receiver's answer (for the failing state's lastError): a receiver cannot make us buffer more. */
export const MAX_RESPONSE_BYTES = 1024;

/** A lookup that answers the address the guard checked: the connection cannot be rebound by a second DNS answer. */
function pinned(address: string, family: 4 | 6): LookupFunction {
  return ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  }) as LookupFunction;
}

function readCapped(response: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => resolve(Buffer.concat(chunks).toString('utf8').slice(0, MAX_RESPONSE_BYTES));
    response.on('data', (chunk: Buffer) => {
      if (size < MAX_RESPONSE_BYTES) chunks.push(chunk.subarray(0, MAX_RESPONSE_BYTES - size));
      size += chunk.length;
      // Enough for the error message: stop reading, whatever the receiver still wants to send.
      if (size >= MAX_RESPONSE_BYTES) {
        response.destroy();
        done();
      }
    });
    response.on('end', done);
    response.on('error', done);
    response.on('close', done);
  });
}

/**
 * POSTs one webhook to the guard's checked address (TLS still verifies the certificate for the URL's
 * host name). Redirects are not followed (a 3xx fails the attempt: a redirect could point anywhere,
 * 127.0.0.1 included); the whole attempt, connection included, has `timeoutMs`.
 */
export const postWebhook: PostWebhook = (target, body, headers, timeoutMs) =>
  new Promise((resolve) => {
    const { url, host, addresses } = target;
    const { address, family } = addresses[0]!;
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method: 'POST',
      lookup: pinned(address, family),
      ...(url.protocol === 'https:' ? { servername: host } : {}),
      headers: {
        ...headers,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'user-agent': 'Medido-Webhooks/1',
      },
      // One connection per attempt: a pooled socket would skip the pinned lookup of the next attempt.
      agent: false,
    });
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      }
    };
    const timer = setTimeout(() => {
      request.destroy();
      finish({ ok: false, error: `no answer within ${timeoutMs} ms` });
    }, timeoutMs);
    request.on('error', (error) =>
      finish({ ok: false, error: `connection failed: ${(error as NodeJS.ErrnoException).code ?? error.message}` }),
    );
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      void readCapped(response).then((text) => {
        if (status >= 200 && status < 300) finish({ ok: true, status });
        else if (status >= 300 && status < 400)
          finish({ ok: false, status, error: `HTTP ${status}: redirects are not followed` });
        else
          finish({
            ok: false,
            status,
            error: `HTTP ${status}${text ? `: ${text.replace(/\s+/g, ' ').slice(0, 200)}` : ''}`,
          });
        request.destroy();
      });
    });
    request.end(body);
  });
