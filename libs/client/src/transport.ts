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
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** A Transport over fetch with a bearer token; a non-2xx answer rejects with an ApiError. */
export function fetchTransport(options: FetchTransportOptions): Transport {
  const base = options.baseUrl.replace(/\/+$/, '');
  const send = options.fetch ?? fetch;
  return async ({ method, path, query, body }) => {
    const token = typeof options.token === 'function' ? options.token() : options.token;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await send(`${base}${path}${queryString(query)}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw new ApiError(`cannot reach ${base}: ${(error as Error).message}`, 0);
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
    throw new ApiError(
      `${response.status} ${String(problem?.code ?? response.statusText)}: ${String(problem?.detail ?? problem?.title ?? 'request failed')}`,
      response.status,
      problem,
      response.headers.get('retry-after'),
    );
  };
}
