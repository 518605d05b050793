import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AccessTokenVerifier } from '@medido/auth';
import type { ApiCaller } from './api-caller.ts';
import { authenticate } from './bearer-auth.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated API consumer; set on every request under the read API's /v1 routes. */
    apiCaller: ApiCaller | null;
  }
}

/**
 * Authenticates every request of the context it is registered in (the read API's /v1 routes, and only
 * those: the plugin is registered inside that context, so routes mounted beside it in a shared instance,
 * such as the ingestor's, keep their own authentication). Runs first, on onRequest: an unauthenticated
 * request gets 401 before any validation, lookup or rate-limit bookkeeping.
 */
export const callerAuthentication = fp(
  async (app: FastifyInstance, opts: { verifier: AccessTokenVerifier }) => {
    if (!app.hasRequestDecorator('apiCaller')) app.decorateRequest('apiCaller', null);
    app.addHook('onRequest', async (request) => {
      request.apiCaller = authenticate(request.headers.authorization, opts.verifier);
      // Every later line of this request (route logs, errors, "request completed") names the consumer.
      // setBindings changes the request's own child logger, which the reply logs with too; the
      // "incoming request" line precedes authentication and is joined to these by reqId.
      bindConsumer(request.log, request.apiCaller.consumerId);
    });
  },
  { name: 'read-api-caller-authentication' },
);

function bindConsumer(log: unknown, consumerId: string): void {
  const logger = log as { setBindings?: (bindings: Record<string, unknown>) => void };
  // A disabled logger (tests build apps with `logger: false`) has nothing to bind.
  if (typeof logger.setBindings === 'function') logger.setBindings({ consumerId });
}

/** The caller of a request that passed `callerAuthentication`. */
export function callerOf(request: { apiCaller: ApiCaller | null }): ApiCaller {
  if (!request.apiCaller) throw new Error('read-api route reached without authentication');
  return request.apiCaller;
}
