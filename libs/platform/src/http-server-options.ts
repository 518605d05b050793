import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { ERROR_CODES, PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE } from '@medido/contracts';
import { sendProblem, toProblem } from './problem-handler.ts';

/**
 * Fastify options every Medido server shares, so that the answers produced before routing are
 * problem+json with a stable code like every other error:
 * - path parameters may be as long as the request line allows: an over-long id then reaches its
 *   route and fails its schema (400 REQUEST_INVALID) instead of the router's bare 414;
 * - a malformed URL (bad percent-encoding) is 400 REQUEST_INVALID;
 * - a request line and headers over Node's limit (16 KiB) is 431 REQUEST_HEADERS_TOO_LARGE (RFC 6585 §5).
 */
export function httpServerOptions(): Pick<FastifyServerOptions, 'routerOptions' | 'frameworkErrors' | 'clientErrorHandler'> {
  return {
    routerOptions: { maxParamLength: 16_384 },
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      sendProblem(reply, toProblem(error, request));
    },
    clientErrorHandler: problemOnClientError,
  };
}

/** Node's 'clientError' (the request never reached Fastify): answered on the raw socket, then closed. */
function problemOnClientError(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has nobody left to answer (https://nodejs.org/api/http.html#event-clienterror).
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code = error.code === 'HPE_HEADER_OVERFLOW' ? 'REQUEST_HEADERS_TOO_LARGE' : 'REQUEST_INVALID';
  const { status, title } = ERROR_CODES[code];
  const detail = code === 'REQUEST_HEADERS_TOO_LARGE'
    ? 'the request line and headers exceed 16 KiB: send fewer or shorter query parameters'
    : 'the request could not be parsed as HTTP/1.1';
  const body = JSON.stringify({ type: `${PROBLEM_TYPE_BASE}${code.toLowerCase().replaceAll('_', '-')}`, title, status, code, detail });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}
