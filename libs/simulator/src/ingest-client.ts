import { ERROR_CODES, type ErrorCode } from '@medido/contracts';
import { MedidoError } from '@medido/platform';
import {
  ApiError,
  fetchTransport,
  ingestorClient,
  RetriesExhaustedError,
  withRetries,
  type RetryOptions,
  type Transport,
} from '@medido/client';

export interface IngestClientOptions extends Pick<RetryOptions, 'retryBudgetMs' | 'maxWaitMs' | 'onRetry'> {
  /** Base URL of the ingestor, e.g. http://127.0.0.1:3000. */
  url: string;
  token: string;
  /** Aborts requests in flight (and waits): the simulator stops now. */
  signal: AbortSignal;
  /** Interrupts the waits between retries only: the simulator is stopping and sends nothing more. */
  waitSignal?: AbortSignal;
  requestTimeoutMs?: number;
}

/** The ingestor's answer as the simulator's callers branch on it: a MedidoError with one of our stable codes. */
function asMedidoError(error: unknown, base: string, path: string): unknown {
  if (error instanceof RetriesExhaustedError)
    return new MedidoError(
      'DEPENDENCY_UNAVAILABLE',
      `gave up on ${base}${error.path} after ${error.attempts} attempts in ${Math.round(error.elapsedMs / 1000)} s (last: ${(error.cause as Error).message}); is the ingestor running there?`,
    );
  if (!(error instanceof ApiError)) return error;
  const code: ErrorCode =
    error.code !== undefined && error.code in ERROR_CODES
      ? (error.code as ErrorCode)
      : error.status >= 500
        ? 'INTERNAL'
        : 'REQUEST_INVALID';
  const said = error.problem?.detail ?? error.problem?.title;
  return new MedidoError(code, `${path} answered ${error.status}: ${typeof said === 'string' ? said : error.message}`);
}

/**
 * The typed ingestor operations (libs/client) over the one fetch transport, retried: on no answer and on
 * 429/502/503/504 the very same request is sent again as Retry-After says (else with backoff) until the
 * retry budget runs out, so the simulator never drops a request it could not deliver. Re-sent readings
 * are deduplicated by the store, so repeating one is safe.
 */
export function ingestClient(options: IngestClientOptions): ReturnType<typeof ingestorClient> {
  const base = options.url.replace(/\/+$/, '');
  const retried = withRetries(
    fetchTransport({
      baseUrl: base,
      token: options.token,
      signal: options.signal,
      timeoutMs: options.requestTimeoutMs ?? 120_000,
      serverName: 'the ingestor',
    }),
    {
      ...(options.retryBudgetMs !== undefined && { retryBudgetMs: options.retryBudgetMs }),
      ...(options.maxWaitMs !== undefined && { maxWaitMs: options.maxWaitMs }),
      ...(options.onRetry && { onRetry: options.onRetry }),
      waitSignal: options.waitSignal ? AbortSignal.any([options.signal, options.waitSignal]) : options.signal,
    },
  );
  const transport: Transport = async (request) => {
    try {
      return await retried(request);
    } catch (error) {
      throw asMedidoError(error, base, request.path);
    }
  };
  return ingestorClient(transport);
}
