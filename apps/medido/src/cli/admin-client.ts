import { ingestorClient, queryString } from '@medido/client';

/** A refusal from the ingestor, with its problem+json fields. */
export class AdminRequestError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  constructor(message: string, status: number, code?: string) {
    super(message);
    this.name = 'AdminRequestError';
    this.status = status;
    this.code = code;
  }
}

/** Calls the ingestor's admin endpoints with an admin credential. */
export class AdminClient {
  readonly #base: string;
  readonly #token: string;
  /** The typed operations of the ingestor's document (libs/client), sent by `request` below. */
  readonly operations = ingestorClient(({ method, path, query, body }) =>
    this.request(method as 'GET' | 'POST' | 'PUT', `${path}${queryString(query)}`, body),
  );

  constructor(baseUrl: string, token: string) {
    this.#base = baseUrl.replace(/\/+$/, '');
    this.#token = token;
  }

  async request<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
    const url = `${this.#base}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${this.#token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new AdminRequestError(
        `cannot reach the ingestor at ${this.#base}: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
        0,
      );
    }
    const text = await response.text();
    const parsed = text ? safeJson(text) : undefined;
    if (response.ok) return parsed as T;
    const problem = (parsed ?? {}) as {
      title?: string;
      code?: string;
      detail?: string;
      errors?: { path: string; message: string }[];
    };
    const detail = problem.errors?.length
      ? problem.errors.map((e) => `${e.path} ${e.message}`).join('; ')
      : problem.detail;
    const retry = response.headers.get('retry-after');
    const message = `${response.status} ${problem.code ?? response.statusText}: ${problem.title ?? 'request failed'}${detail ? ` — ${detail}` : ''}${retry ? ` (retry after ${retry} s)` : ''}`;
    throw new AdminRequestError(message, response.status, problem.code);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
