import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { ERROR_CODES, PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE, type ErrorCode } from '@medido/contracts';
import type { Config } from './config.schema.ts';
import { sendProblem, toProblem } from './problem-handler.ts';

/** The request line and headers Medido accepts (Node's own default); longer URLs get 414, longer headers 431. */
export const MAX_REQUEST_HEAD_BYTES = 16 * 1024;
/**
 * Node's parser limit, above MAX_REQUEST_HEAD_BYTES so that an over-long request still reaches Fastify,
 * where `httpConventions` can tell a long URL (414) from long headers (431); beyond it Node answers 431.
 */
const PARSER_MAX_HEADER_BYTES = 4 * MAX_REQUEST_HEAD_BYTES;
/** How often Node looks for requests past their timeout: the bound on a slow client is timeout + this. */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

export type HttpTimeouts = Pick<Config, 'MEDIDO_HTTP_HEADERS_TIMEOUT_MS' | 'MEDIDO_HTTP_REQUEST_TIMEOUT_MS'>;

/**
 * Fastify options every Medido server shares, so that the answers produced before routing are
 * problem+json with a stable code like every other error:
 * - a client that has not sent its request line and headers within MEDIDO_HTTP_HEADERS_TIMEOUT_MS, or
 *   its whole request (body included) within MEDIDO_HTTP_REQUEST_TIMEOUT_MS, gets 408 REQUEST_TIMEOUT
 *   and the connection closes (Node's headersTimeout/requestTimeout, https://nodejs.org/api/http.html#serverrequesttimeout):
 *   a slow or stalled client holds a connection for a bounded time only;
 * - path parameters may be as long as the request line allows: an over-long id then reaches its
 *   route and fails its schema (400 REQUEST_INVALID) instead of the router's bare 414;
 * - a malformed URL (bad percent-encoding) is 400 REQUEST_INVALID;
 * - a request head over Node's parser limit is 431 REQUEST_HEADERS_TOO_LARGE (RFC 6585 §5).
 */
export function httpServerOptions(timeouts: HttpTimeouts): Pick<
  FastifyServerOptions,
  'routerOptions' | 'frameworkErrors' | 'clientErrorHandler' | 'requestTimeout'
> & {
  http: { headersTimeout: number; requestTimeout: number; connectionsCheckingInterval: number; maxHeaderSize: number };
} {
  const requestTimeout = timeouts.MEDIDO_HTTP_REQUEST_TIMEOUT_MS;
  return {
    routerOptions: { maxParamLength: PARSER_MAX_HEADER_BYTES },
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      sendProblem(reply, toProblem(error, request));
    },
    clientErrorHandler: problemOnClientError,
    requestTimeout,
    http: {
      // Node refuses a headers timeout above the request timeout.
      headersTimeout: Math.min(timeouts.MEDIDO_HTTP_HEADERS_TIMEOUT_MS, requestTimeout),
      requestTimeout,
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
      maxHeaderSize: PARSER_MAX_HEADER_BYTES,
    },
  };
}

const CLIENT_ERRORS: Record<string, { code: ErrorCode; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    code: 'REQUEST_HEADERS_TOO_LARGE',
    detail: `the request line and headers exceed ${PARSER_MAX_HEADER_BYTES / 1024} KiB: send fewer or shorter headers`,
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    code: 'REQUEST_TIMEOUT',
    detail: 'the request (headers and body) did not arrive in time: send it at once, then wait for the answer',
  },
};

/** Node's 'clientError' (the request never reached Fastify, or stalled): answered on the raw socket, then closed. */
function problemOnClientError(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has nobody left to answer (https://nodejs.org/api/http.html#event-clienterror).
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { code, detail } = CLIENT_ERRORS[error.code ?? ''] ?? {
    code: 'REQUEST_INVALID',
    detail: 'the request could not be parsed as HTTP/1.1',
  };
  const { status, title } = ERROR_CODES[code];
  const body = JSON.stringify({
    type: `${PROBLEM_TYPE_BASE}${code.toLowerCase().replaceAll('_', '-')}`,
    title,
    status,
    code,
    detail,
  });
  // A stalled body belongs to a request Fastify already routed: answer only if its response has not started.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    socket.write(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
