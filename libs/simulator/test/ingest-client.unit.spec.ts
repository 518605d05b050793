import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { IngestClient, retryAfterMs } from '../src/ingest-client.ts';

describe('Retry-After', () => {
  it('reads delay-seconds and HTTP-dates (RFC 9110 §10.2.3), and nothing else', () => {
    const now = Date.parse('2026-05-20T10:00:00.000Z');
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('Wed, 20 May 2026 10:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('Wed, 20 May 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});

describe('the ingest client', () => {
  it('retries a refused connection with backoff and gives up when the retry budget is spent', async () => {
    // A port that was free a moment ago: connections are refused.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const retries: number[] = [];
    const client = new IngestClient({
      url: `http://127.0.0.1:${port}`,
      token: 't',
      signal: new AbortController().signal,
      retryBudgetMs: 1000,
      onRetry: ({ waitMs }) => retries.push(waitMs),
    });
    await expect(client.post('/v1/ingest/measurements', { readings: [] })).rejects.toMatchObject({
      code: 'DEPENDENCY_UNAVAILABLE',
      message: expect.stringMatching(
        new RegExp(
          `^gave up on http://127\\.0\\.0\\.1:${port}/v1/ingest/measurements after 3 attempts in 1 s \\(last: .*ECONNREFUSED.*\\); is the ingestor running there\\?$`,
        ),
      ),
    });
    expect(retries).toEqual([250, 500]);
  });
});
