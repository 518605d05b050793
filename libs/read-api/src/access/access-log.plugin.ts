import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { MedidoError } from '@medido/platform';
import { accessEventOf } from './access-event.ts';
import type { AccessRecorder } from './access-recorder.ts';

export interface AccessLogOptions {
  /** Omitted (route tests), requests are only decorated: nothing is recorded. */
  recorder?: AccessRecorder;
  /** Called when a read is refused because the access buffer is full (for /metrics). */
  onRefused?: () => void;
  now?: () => number;
}

const RETRY_AFTER_SECONDS = '5';

declare module 'fastify' {
  interface FastifyRequest {
    /** Refused before reading because no access record could be kept: nothing to record. */
    accessRefused: boolean;
  }
}

/**
 * Accountability for the read API (register in its /v1 context): every answered request of an
 * authenticated consumer becomes an ApiReadAnswered event — consumer, route, URL, status, request id,
 * and what the route noted (organizations, installation or unit, meters, window, rows). Requests that
 * fail authentication have no consumer and are left to the request log.
 *
 * Reads are refused with 503 ACCESS_LOG_UNAVAILABLE while the recorder's buffer is full (the bus has
 * been unavailable for a while): metering data is personal data, and serving it without a record of
 * who read it would leave a gap an attacker could create on purpose (slow the bus, then read).
 * The check runs before the handler, so a refused read reads nothing.
 */
export const accessLog = fp(
  async (app: FastifyInstance, opts: AccessLogOptions) => {
    const now = opts.now ?? Date.now;
    app.decorateRequest('accessNote', null);
    app.decorateRequest('accessRefused', false);
    const recorder = opts.recorder;
    if (!recorder) return;

    app.addHook('preHandler', async (request) => {
      if (!request.apiCaller || recorder.accepting()) return;
      request.accessRefused = true;
      opts.onRefused?.();
      request.log.error({ buffered: recorder.buffered() }, 'read refused: the access log buffer is full');
      throw new MedidoError(
        'ACCESS_LOG_UNAVAILABLE',
        'reads are paused until access records can be kept again; retry later',
        {
          headers: { 'retry-after': RETRY_AFTER_SECONDS },
        },
      );
    });

    app.addHook('onResponse', async (request, reply) => {
      const caller = request.apiCaller;
      // 429: the rate limiter answered before anything was read.
      if (!caller || request.accessRefused || reply.statusCode === 429) return;
      recorder.record(
        accessEventOf(caller, {
          id: request.id,
          method: request.method,
          route: request.routeOptions.url ?? request.url,
          url: request.url,
          status: reply.statusCode,
          note: request.accessNote,
          answeredAt: now(),
        }),
      );
    });
  },
  { name: 'read-api-access-log' },
);
