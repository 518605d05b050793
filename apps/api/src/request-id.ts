import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Request ids for logs and the `x-request-id` answer header: the load balancer's id when it sent a
 * sane one (so one id follows a request across hops), otherwise a fresh UUID. Anything else in the
 * header is ignored rather than copied into logs.
 */
export function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
}
