import { describe, expect, it } from 'vitest';
import { ApiError, RetriesExhaustedError, retryAfterMs, withRetries, type TransportRequest } from '../src/index.ts';

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

const REQUEST: TransportRequest = { method: 'POST', path: '/v1/ingest/measurements', body: { readings: [] } };

/** A transport that fails with the given errors, then answers `answer`; it records each request. */
function flaky(errors: ApiError[], answer: unknown) {
  const sent: TransportRequest[] = [];
  return {
    sent,
    transport: async (request: TransportRequest) => {
      sent.push(request);
      const error = errors.shift();
      if (error) throw error;
      return answer;
    },
  };
}

describe('withRetries', () => {
  it('sends the very same request again after no answer, 503 and 429, waiting as Retry-After says', async () => {
    const inner = flaky(
      [
        new ApiError('cannot reach x: ECONNREFUSED', 0),
        new ApiError('503 EVENT_BUS_UNAVAILABLE', 503, { code: 'EVENT_BUS_UNAVAILABLE' }, '0'),
        new ApiError('429 RATE_LIMITED', 429, { code: 'RATE_LIMITED' }),
      ],
      { accepted: 0, rejected: [] },
    );
    const waits: number[] = [];
    const send = withRetries(inner.transport, { onRetry: ({ waitMs }) => waits.push(waitMs), maxWaitMs: 50 });
    expect(await send(REQUEST)).toEqual({ accepted: 0, rejected: [] });
    expect(inner.sent).toEqual([REQUEST, REQUEST, REQUEST, REQUEST]);
    // backoff 250 ms capped at 50; Retry-After: 0; backoff again (third attempt: 1 s, capped).
    expect(waits).toEqual([50, 0, 50]);
  });

  it('hands a refusal back at once: a 400 or 409 is an answer, not an outage', async () => {
    const refusal = new ApiError('409 CONSUMER_ALREADY_EXISTS', 409, { code: 'CONSUMER_ALREADY_EXISTS' });
    const inner = flaky([refusal], 'never');
    await expect(withRetries(inner.transport)(REQUEST)).rejects.toBe(refusal);
    expect(inner.sent).toHaveLength(1);
  });

  it('gives up when the next wait would overrun the budget, with the last reason', async () => {
    const down = () => new ApiError('503 EVENT_BUS_UNAVAILABLE', 503, { code: 'EVENT_BUS_UNAVAILABLE' }, '1');
    const inner = flaky([down(), down(), down()], 'never');
    const error = await withRetries(inner.transport, { retryBudgetMs: 1500 })(REQUEST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect(error).toMatchObject({
      status: 503,
      code: 'EVENT_BUS_UNAVAILABLE',
      attempts: 2,
      message: 'gave up on /v1/ingest/measurements after 2 attempts in 1 s (last: 503 EVENT_BUS_UNAVAILABLE)',
    });
    expect(inner.sent).toHaveLength(2);
  });

  it('stops waiting when its wait signal aborts', async () => {
    const stop = new AbortController();
    const inner = flaky([new ApiError('503', 503, undefined, '60')], 'never');
    const pending = withRetries(inner.transport, { waitSignal: stop.signal })(REQUEST);
    stop.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
