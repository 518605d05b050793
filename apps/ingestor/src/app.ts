import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { EventBus } from '@medido/event-bus';
import { Credentials, ingestorPlugin, type ConsumerDirectory } from '@medido/ingest';
import { createMetrics, httpServerOptions, metricsPlugin, problemHandler, requestId, type Config, type Metrics } from '@medido/platform';
import { healthRoutes } from './health.routes.ts';

export interface IngestorAppOptions {
  config: Config;
  bus: EventBus;
  logger?: Logger;
  /** The catalog read model, when this process has one (enables GET /v1/admin/consumers). */
  consumers?: ConsumerDirectory;
  now?: () => number;
  metrics?: Metrics;
}

/**
 * The standalone ingestor as a Fastify instance, not listening: no environment, signals or
 * connections of its own (the caller owns the bus), so tests build it and `inject()` into it.
 * Throws at once on unusable credentials configuration.
 */
export function buildIngestorApp(options: IngestorAppOptions): FastifyInstance {
  const { config } = options;
  const credentials = Credentials.fromLists({ ingest: config.MEDIDO_INGEST_TOKENS, admin: config.MEDIDO_ADMIN_TOKENS });
  const app = Fastify({
    ...httpServerOptions(),
    ...(options.logger ? { loggerInstance: options.logger as FastifyBaseLogger } : { logger: false }),
    genReqId: requestId,
    // Behind a load balancer the client's address is in X-Forwarded-For.
    trustProxy: config.NODE_ENV === 'production',
  });
  app.addHook('onRequest', async (request, reply) => { reply.header('x-request-id', request.id); });
  const metrics = options.metrics ?? createMetrics('ingestor');
  app.register(problemHandler);
  app.register(metricsPlugin, { metrics });
  app.register(ingestorPlugin, {
    onIngested: (accepted, rejected, items) => {
      if (items === 'readings') metrics.ingestedReadings.inc(accepted);
      for (const { code } of rejected) metrics.rejectedItems.inc({ code });
    },
    bus: options.bus, credentials, maxBodyBytes: config.MEDIDO_INGEST_MAX_BODY_BYTES, docsPrefix: '/ingestor',
    ...(options.consumers ? { consumers: options.consumers } : {}), ...(options.now ? { now: options.now } : {}),
  });
  app.register(healthRoutes, { bus: options.bus });
  return app;
}
