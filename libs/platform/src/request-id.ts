import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Request ids for logs, the `x-request-id` answer header and Kafka headers: the caller's or load
 * balancer's `X-Request-Id` when it is a sane token (so one id follows a request across hops, from a
 * pipeline through the ingestor to the projector), else a fresh UUID. Anything else in the header is
 * ignored rather than copied into logs.
 */
export function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
}
