import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError, type Transport } from './transport.ts';

/** Answers worth sending again unchanged: the server is (momentarily) unable to accept. RFC 9110 §15.6.4, RFC 6585 §4. */
const RETRYABLE = new Set([429, 502, 503, 504]);

/**
 * Waiting time asked by Retry-After, in ms: delay-seconds or an HTTP-date. Undefined when absent or unreadable.
 * @see https://www.rfc-editor.org/rfc/rfc9110#field.retry-after
 */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface RetryOptions {
  /** How long one request may keep being retried before giving up (default 5 minutes). */
  retryBudgetMs?: number;
  /** Longest single wait, whatever Retry-After asks (default 60 s). */
  maxWaitMs?: number;
  /** Interrupts the waits between attempts (the caller is stopping): the wait rejects with the abort. */
  waitSignal?: AbortSignal;
  onRetry?: (info: { path: string; attempt: number; waitMs: number; reason: string }) => void;
}

/** The retry budget ran out: the request was never accepted. `cause` is the last attempt's ApiError. */
export class RetriesExhaustedError extends ApiError {
  readonly path: string;
  readonly attempts: number;
  readonly elapsedMs: number;
  constructor(path: string, last: ApiError, attempts: number, elapsedMs: number) {
    super(
      `gave up on ${path} after ${attempts} attempts in ${Math.round(elapsedMs / 1000)} s (last: ${last.message})`,
      last.status,
      last.problem,
      last.retryAfter,
    );
    this.name = 'RetriesExhaustedError';
    this.path = path;
    this.attempts = attempts;
    this.elapsedMs = elapsedMs;
    this.cause = last;
  }
}

const isRetryable = (error: unknown): error is ApiError =>
  error instanceof ApiError && (error.status === 0 || RETRYABLE.has(error.status));

/**
 * A Transport that never drops a request it could not deliver: on no answer, 429, 502, 503 or 504 it
 * waits as Retry-After says (else an exponential backoff from 250 ms) and sends the very same request
 * again, until the budget runs out. Every other answer, success or refusal, is the inner transport's.
 * Only for requests that are safe to repeat (the ingestor's are: re-sent readings are deduplicated).
 */
export function withRetries(inner: Transport, options: RetryOptions = {}): Transport {
  const budgetMs = options.retryBudgetMs ?? 5 * 60_000;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  return async (request) => {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      let last: ApiError;
      try {
        return await inner(request);
      } catch (error) {
        if (!isRetryable(error)) throw error;
        last = error;
      }
      const backoff = Math.min(maxWaitMs, 250 * 2 ** Math.min(attempt - 1, 8));
      const waitMs = Math.min(maxWaitMs, retryAfterMs(last.retryAfter) ?? backoff);
      const elapsedMs = Date.now() - started;
      if (elapsedMs + waitMs > budgetMs) throw new RetriesExhaustedError(request.path, last, attempt, elapsedMs);
      options.onRetry?.({ path: request.path, attempt, waitMs, reason: last.message });
      await sleep(waitMs, undefined, options.waitSignal ? { signal: options.waitSignal } : {});
    }
  };
}
