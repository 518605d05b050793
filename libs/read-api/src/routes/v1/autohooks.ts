import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { AccessTokenVerifier } from '@medido/auth';
import { MedidoError } from '@medido/platform';
import { callerAuthentication } from '../../auth/caller-hook.ts';

export interface V1HookOptions {
  verifier: AccessTokenVerifier;
  rateLimitPerMinute: number;
}

/**
 * Hooks for the whole /v1 prefix of the read API, in order: authentication (onRequest, context level),
 * then per-consumer rate limiting (route level, so it runs after authentication and keys on the token
 * subject: one consumer cannot exhaust another's budget, and rotating tokens does not reset it).
 * Headers follow the IETF RateLimit draft (`RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset`)
 * and 429 answers carry `Retry-After` (RFC 9110 §10.2.3). Counters live in this process: behind N
 * replicas a consumer gets up to N × the limit unless a shared store is configured.
 * @see https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/
 */
export const v1Hooks = fp(
  async (app: FastifyInstance, opts: V1HookOptions) => {
    await app.register(callerAuthentication, { verifier: opts.verifier });
    await app.register(rateLimit, {
      max: opts.rateLimitPerMinute,
      timeWindow: 60_000,
      enableDraftSpec: true,
      keyGenerator: (request) => `consumer:${request.apiCaller?.consumerId ?? request.ip}`,
      errorResponseBuilder: (_request, context) =>
        new MedidoError(
          'RATE_LIMITED',
          `at most ${context.max} requests per minute per consumer; retry in ${context.after}`,
        ),
    });
  },
  { name: 'read-api-v1-hooks' },
);
