import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './config.schema.ts';
import { publicUrlOf } from './config.ts';
import { healthRoutes, type ReadinessCheck } from './health.ts';
import { createRouteTable, httpConventions } from './http-conventions.ts';
import { httpServerOptions } from './http-server-options.ts';
import { metricsPlugin, type Metrics, type MetricsExposition } from './metrics.ts';
import { problemHandler } from './problem-handler.ts';
import { requestId } from './request-id.ts';
import { securityHeaders } from './security-headers.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Readiness checks of /health/ready; a role plugin adds the dependencies it needs. */
    readinessChecks: ReadinessCheck[];
  }
}

export interface HttpAppOptions {
  config: Config;
  metrics: Metrics;
  logger?: Logger;
  /** Readiness checks of the host's own dependencies (role plugins add theirs to `app.readinessChecks`). */
  checks?: ReadinessCheck[];
}

/** Adds a readiness check unless one of that name is there (two roles of one process share a dependency). */
export function addReadinessCheck(app: FastifyInstance, check: ReadinessCheck): void {
  if (!app.readinessChecks.some((c) => c.name === check.name)) app.readinessChecks.push(check);
}

/** /metrics on PORT unless it has a listener of its own; behind MEDIDO_METRICS_TOKEN when one is set. */
function exposition(config: Config): MetricsExposition {
  if (config.MEDIDO_METRICS_PORT > 0) return 'none';
  return config.MEDIDO_METRICS_TOKEN ? { bearer: config.MEDIDO_METRICS_TOKEN } : 'none';
}

/** The bare instance with the shared server options: every Medido listener starts here. */
function bareApp(config: Config, logger: Logger | undefined): FastifyInstance {
  return Fastify({
    ...httpServerOptions(config),
    ...(logger ? { loggerInstance: logger as FastifyBaseLogger } : { logger: false }),
    genReqId: requestId,
    // Behind a load balancer the client's address is in X-Forwarded-For.
    trustProxy: config.NODE_ENV === 'production',
  }) as unknown as FastifyInstance;
}

/**
 * The one HTTP bootstrap of every role (api, ingestor, projector, the embedded default), not
 * listening: server timeouts and limits, request ids, problem+json errors with 405/414/431, security
 * headers, request metrics with /metrics (see MEDIDO_METRICS_*), and /health/live and /health/ready.
 * The caller registers its role plugins on it, then listens.
 */
export function createHttpApp(options: HttpAppOptions): FastifyInstance {
  const { config, metrics } = options;
  const app = bareApp(config, options.logger);
  const routes = createRouteTable();
  app.decorate('readinessChecks', [...(options.checks ?? [])]);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.register(httpConventions, { routes });
  app.register(problemHandler, { methodsOf: routes.methodsOf });
  app.register(securityHeaders, { connectOrigins: [new URL(publicUrlOf(config)).origin] });
  app.register(metricsPlugin, { metrics, exposition: exposition(config) });
  app.register(healthRoutes, { checks: app.readinessChecks });
  if (config.MEDIDO_METRICS_PORT > 0) serveMetricsApart(app, config, metrics, options.logger);
  return app;
}

/** /metrics alone on MEDIDO_METRICS_HOST:MEDIDO_METRICS_PORT, opened with the app and closed with it. */
function serveMetricsApart(app: FastifyInstance, config: Config, metrics: Metrics, logger: Logger | undefined): void {
  const apart = bareApp(config, logger?.child({ listener: 'metrics' }));
  apart.register(problemHandler);
  apart.register(securityHeaders, {});
  apart.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
  // onReady: a port already taken fails the role's start instead of leaving it unobservable.
  app.addHook('onReady', async () => {
    await apart.listen({ port: config.MEDIDO_METRICS_PORT, host: config.MEDIDO_METRICS_HOST });
  });
  app.addHook('onClose', async () => {
    await apart.close();
  });
}
