/** One call of a generated operation: the path with its parameters filled in, query and JSON body. */
export interface TransportRequest {
  method: string;
  path: string;
  query?: Record<string, unknown> | undefined;
  body?: unknown;
}
/** Sends a request and resolves to the parsed JSON of a 2xx answer (undefined when empty); rejects otherwise. */
export type Transport = (request: TransportRequest) => Promise<unknown>;

/** An RFC 9457 problem answer (or a network failure, status 0). Branch on `code`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly problem: Record<string, unknown> | undefined;
  readonly retryAfter: string | null;
  constructor(message: string, status: number, problem?: Record<string, unknown>, retryAfter: string | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.code = typeof problem?.code === 'string' ? problem.code : undefined;
    this.retryAfter = retryAfter;
  }
}

/** `?a=1&ids=x&ids=y`: arrays repeat the parameter (the read API also takes comma-separated values). */
export function queryString(query: Record<string, unknown> | undefined): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(name, String(item));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export interface FetchTransportOptions {
  baseUrl: string;
  token?: string | (() => string);
  /** One request's time limit (default 30 s). */
  timeoutMs?: number;
  /** Aborts every request in flight (the caller is stopping). */
  signal?: AbortSignal;
  /** How messages name the server ("the ingestor"); default its URL alone. */
  serverName?: string;
  fetch?: typeof fetch;
}

interface ProblemFields {
  code?: unknown;
  title?: unknown;
  detail?: unknown;
  errors?: { path?: unknown; message?: unknown }[];
}

/** What a person reads of a problem answer: status, code, title, the detail (or each invalid field) and when to retry. */
function problemMessage(
  status: number,
  statusText: string,
  problem: ProblemFields | undefined,
  retryAfter: string | null,
) {
  const fields = Array.isArray(problem?.errors) ? problem.errors : [];
  const detail = fields.length
    ? fields.map((e) => `${String(e.path)} ${String(e.message)}`).join('; ')
    : problem?.detail;
  return (
    `${status} ${String(problem?.code ?? statusText)}: ${String(problem?.title ?? 'request failed')}` +
    (detail ? ` — ${String(detail)}` : '') +
    (retryAfter ? ` (retry after ${retryAfter} s)` : '')
  );
}

/** The reason a request never got an answer: the socket error's code (ECONNREFUSED) when there is one. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  return String(cause?.code ?? cause?.message ?? (error as Error).message);
}

/**
 * A Transport over fetch with a bearer token. A non-2xx answer rejects with an ApiError carrying the
 * problem, a request that got no answer with an ApiError of status 0 (after `signal` aborted: the abort
 * itself, so a caller that stops is not told the server is unreachable).
 */
export function fetchTransport(options: FetchTransportOptions): Transport {
  const base = options.baseUrl.replace(/\/+$/, '');
  const send = options.fetch ?? fetch;
  const server = options.serverName ? `${options.serverName} at ${base}` : base;
  return async ({ method, path, query, body }) => {
    const token = typeof options.token === 'function' ? options.token() : options.token;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const timeout = AbortSignal.timeout(options.timeoutMs ?? 30_000);
    let response: Response;
    try {
      response = await send(`${base}${path}${queryString(query)}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new ApiError(`cannot reach ${server}: ${networkReason(error)}`, 0);
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    if (response.ok) return parsed;
    const problem = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
    const retryAfter = response.headers.get('retry-after');
    throw new ApiError(
      problemMessage(response.status, response.statusText, problem, retryAfter),
      response.status,
      problem,
      retryAfter,
    );
  };
}
