import type { FastifyInstance } from 'fastify';
import type { EventBus } from '@medido/event-bus';
import { MedidoError } from '@medido/platform';

/**
 * Liveness says the process answers (restart it otherwise); readiness says it can do its job now,
 * i.e. the event bus takes writes (take it out of the load balancer otherwise, do not restart it).
 */
export async function healthRoutes(app: FastifyInstance, options: { bus: EventBus }): Promise<void> {
  app.get('/health/live', { schema: { hide: true } }, async () => ({ status: 'live' }));
  app.get('/health/ready', { schema: { hide: true } }, async (request) => {
    try {
      await options.bus.ping();
    } catch (error) {
      request.log.warn({ err: error }, 'not ready: the event bus does not answer');
      throw new MedidoError('DEPENDENCY_UNAVAILABLE', 'the event bus does not answer', { headers: { 'retry-after': '5' }, cause: error });
    }
    return { status: 'ready' };
  });
}
