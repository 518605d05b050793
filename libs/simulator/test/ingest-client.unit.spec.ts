import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ingestClient } from '../src/ingest-client.ts';

describe('the ingest client', () => {
  it('retries a refused connection with backoff and gives up when the retry budget is spent', async () => {
    // A port that was free a moment ago: connections are refused.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const retries: number[] = [];
    const client = ingestClient({
      url: `http://127.0.0.1:${port}`,
      token: 't',
      signal: new AbortController().signal,
      retryBudgetMs: 1000,
      onRetry: ({ waitMs }) => retries.push(waitMs),
    });
    await expect(client.postIngestMeasurements({ body: { readings: [] } })).rejects.toMatchObject({
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
