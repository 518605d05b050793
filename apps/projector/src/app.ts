import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { CatalogStore } from '@medido/catalog';
import { medidoTopics, type EventBus } from '@medido/event-bus';
import type { MeasurementsStore } from '@medido/measurements';
import { createMetrics, healthRoutes, metricsPlugin, problemHandler, type Metrics } from '@medido/platform';
import { startProjector, type Projector } from '@medido/projection';
import { startWithRetry } from './start-with-retry.ts';

export interface ProjectorAppDeps {
  bus: EventBus;
  measurements: MeasurementsStore;
  catalog: CatalogStore;
  logger: Logger;
  metrics?: Metrics;
}

export interface ProjectorApp {
  /** Health and metrics over HTTP: the projector has no other HTTP surface. */
  http: FastifyInstance;
  /** Resolves once the projector consumes (after topics and migrations); null if closed first. */
  started: Promise<Projector | null>;
  close(): Promise<void>;
}

const LAG_POLL_MS = 5_000;

/**
 * The projector role, side-effect free until called. Returns at once with /health/* and /metrics;
 * in the background it creates the topics, migrates both read models (idempotent, safe with several
 * replicas) and starts consuming, retrying with backoff while a dependency is down, so a projector
 * started during an outage waits for it (live, not ready) instead of crash-looping. The caller
 * listens and handles signals.
 */
export async function buildProjectorApp(deps: ProjectorAppDeps): Promise<ProjectorApp> {
  const metrics = deps.metrics ?? createMetrics('projector');
  let projector: Projector | null = null;
  const starting = startWithRetry(async () => {
    await deps.bus.ensureTopics(medidoTopics());
    await deps.measurements.migrate();
    await deps.catalog.migrate();
    return startProjector({ ...deps, metrics });
  }, (p) => p.stop(), deps.logger, 'starting the projector');
  const started = starting.result.then((p) => {
    projector = p;
    if (p) deps.logger.info('projector consuming');
    return p;
  });

  const lagTimer = setInterval(() => {
    projector?.lag().then((lag) => {
      for (const [topic, n] of Object.entries(lag)) metrics.consumerLag.set({ topic }, n);
    }, (error: unknown) => deps.logger.warn({ err: error }, 'could not read consumer lag'));
  }, LAG_POLL_MS);
  lagTimer.unref();

  const http: FastifyInstance = Fastify({ loggerInstance: deps.logger as FastifyBaseLogger });
  await http.register(problemHandler);
  await http.register(metricsPlugin, { metrics });
  await http.register(healthRoutes, {
    checks: [
      { name: 'event-bus', check: () => deps.bus.ping() },
      { name: 'measurements', check: () => deps.measurements.ping() },
      { name: 'catalog', check: () => deps.catalog.ping() },
      { name: 'projector', check: async () => { if (!projector) throw new Error('not consuming yet'); } },
    ],
  });

  return {
    http, started,
    async close() {
      clearInterval(lagTimer);
      await starting.cancel();
      await projector?.stop();
      await http.close();
    },
  };
}
