// Type-only: brings @fastify/swagger's `schema.hide` into FastifySchema.
import type {} from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** A dependency check for readiness: resolves when the dependency answers, rejects otherwise. */
export type ReadinessCheck = { name: string; check: () => Promise<void> };

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * `/health/live`: the process runs (restart it if not). `/health/ready`: every dependency answers
 * (take it out of the load balancer if not). Readiness names the failing dependency.
 */
export const healthRoutes = fp(
  async (app: FastifyInstance, opts: { checks: ReadinessCheck[] }) => {
    app.get('/health/live', { schema: { hide: true } }, async () => ({ status: 'ok' }));
    app.get('/health/ready', { schema: { hide: true } }, async (_request, reply) => {
      const results = await Promise.all(
        opts.checks.map(async ({ name, check }) => {
          try {
            await withTimeout(check(), CHECK_TIMEOUT_MS);
            return { name, status: 'ok' as const };
          } catch (error) {
            return { name, status: 'down' as const, error: (error as Error).message };
          }
        }),
      );
      const ready = results.every((r) => r.status === 'ok');
      // Retry-After: a load balancer or orchestrator may poll again soon (RFC 9110 §10.2.3).
      if (!ready) reply.header('retry-after', '5');
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', checks: results });
    });
  },
  { name: 'health-routes' },
);
