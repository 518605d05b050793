import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Request ids: the caller's `X-Request-Id` when it is a sane token (so a pipeline can trace its own
 * request through logs and Kafka headers), else a new UUID. Never trusted beyond being a label.
 */
export function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
}
