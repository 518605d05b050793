import { setTimeout as sleep } from 'node:timers/promises';
import { ERROR_CODES, type ErrorCode } from '@medido/contracts';
import { MedidoError } from '@medido/platform';
import { ingestorClient, type ingestor } from '@medido/client';

type IngestAnswer = ingestor.IngestAnswer;

export interface IngestClientOptions {
  /** Base URL of the ingestor, e.g. http://127.0.0.1:3000. */
  url: string;
  token: string;
  /** Aborts requests in flight (and waits): the simulator stops now. */
  signal: AbortSignal;
  /** Interrupts the waits between retries only: the simulator is stopping and sends nothing more. */
  waitSignal?: AbortSignal;
  /** How long one request may keep being retried before the simulator gives up (default 5 minutes). */
  retryBudgetMs?: number;
  /** Longest single wait, whatever Retry-After asks (default 60 s). */
  maxWaitMs?: number;
  requestTimeoutMs?: number;
  onRetry?: (info: { path: string; attempt: number; waitMs: number; reason: string }) => void;
}

/** Answers worth retrying unchanged: the ingestor is (momentarily) unable to accept. RFC 9110 §15.6.4, RFC 6585 §4. */
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

/** A client for the ingestor's public endpoints that never drops a request it could not deliver. */
export class IngestClient {
  private readonly options: Required<Omit<IngestClientOptions, 'onRetry' | 'waitSignal'>> &
    Pick<IngestClientOptions, 'onRetry' | 'waitSignal'>;
  /** The typed ingest operations of the ingestor's document (libs/client), delivered by `post` (with its retries). */
  readonly operations = ingestorClient(async ({ method, path, body }) => {
    if (method !== 'POST') throw new MedidoError('INTERNAL', `the ingest client only POSTs, not ${method} ${path}`);
    return this.post(path, body);
  });

  constructor(options: IngestClientOptions) {
    this.options = { retryBudgetMs: 5 * 60_000, maxWaitMs: 60_000, requestTimeoutMs: 120_000, ...options };
  }

  /**
   * POSTs `body` to `path` and returns the ingestor's answer. On 503 (and 429/502/504) it waits as
   * Retry-After says and sends the very same request again, as on network failures (with backoff),
   * until the retry budget runs out. Any other error answer is thrown as a MedidoError.
   */
  async post(path: string, body: unknown): Promise<IngestAnswer> {
    const payload = JSON.stringify(body);
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(path, payload);
      if ('answer' in outcome) return outcome.answer;
      const backoff = Math.min(this.options.maxWaitMs, 250 * 2 ** Math.min(attempt - 1, 8));
      const waitMs = Math.min(this.options.maxWaitMs, outcome.retryAfterMs ?? backoff);
      if (Date.now() - started + waitMs > this.options.retryBudgetMs) {
        const base = this.options.url.replace(/\/+$/, '');
        throw new MedidoError(
          'DEPENDENCY_UNAVAILABLE',
          `gave up on ${base}${path} after ${attempt} attempts in ${Math.round((Date.now() - started) / 1000)} s (last: ${outcome.reason}); is the ingestor running there?`,
        );
      }
      this.options.onRetry?.({ path, attempt, waitMs, reason: outcome.reason });
      const waitSignal = this.options.waitSignal;
      await sleep(waitMs, undefined, {
        signal: waitSignal ? AbortSignal.any([this.options.signal, waitSignal]) : this.options.signal,
      });
    }
  }

  private async attempt(
    path: string,
    payload: string,
  ): Promise<{ answer: IngestAnswer } | { reason: string; retryAfterMs?: number }> {
    let response: Response;
    try {
      response = await fetch(`${this.options.url.replace(/\/+$/, '')}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.options.token}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: payload,
        signal: AbortSignal.any([this.options.signal, AbortSignal.timeout(this.options.requestTimeoutMs)]),
      });
    } catch (error) {
      if (this.options.signal.aborted) throw error;
      return { reason: describeNetworkError(error) };
    }
    const text = await response.text();
    if (response.ok) return { answer: parseAnswer(text) };
    const reason = `HTTP ${response.status}`;
    if (RETRYABLE.has(response.status))
      return { reason, retryAfterMs: retryAfterMs(response.headers.get('retry-after')) };
    throw problemError(path, response.status, text);
  }
}

function parseAnswer(text: string): IngestAnswer {
  const json = text ? (JSON.parse(text) as { accepted?: unknown; rejected?: unknown }) : {};
  return {
    accepted: typeof json.accepted === 'number' ? json.accepted : 0,
    rejected: Array.isArray(json.rejected) ? (json.rejected as IngestAnswer['rejected']) : [],
  };
}

/** Surfaces the ingestor's problem+json: its stable code when it is one of ours, its detail as the message. */
function problemError(path: string, status: number, text: string): MedidoError {
  let problem: { code?: string; detail?: string; title?: string } = {};
  try {
    problem = JSON.parse(text) as typeof problem;
  } catch {
    /* not JSON: keep the status */
  }
  const code: ErrorCode =
    problem.code !== undefined && problem.code in ERROR_CODES
      ? (problem.code as ErrorCode)
      : status >= 500
        ? 'INTERNAL'
        : 'REQUEST_INVALID';
  return new MedidoError(code, `${path} answered ${status}: ${problem.detail ?? problem.title ?? text.slice(0, 200)}`);
}

function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
}
