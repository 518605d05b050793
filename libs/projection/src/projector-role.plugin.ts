import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { medidoTopics, type EventBus } from '@medido/event-bus';
import type { MeasurementsStore } from '@medido/measurements';
import { addReadinessCheck, type Metrics } from '@medido/platform';
import { startProjector, type Projector, type ProjectorDeps } from './projector.ts';
import { startWithRetry } from './start-with-retry.ts';

export interface ProjectorRoleOptions {
  bus: EventBus;
  measurements: MeasurementsStore;
  catalog: ProjectorDeps['catalog'] & { migrate(): Promise<void>; ping(): Promise<void> };
  logger: Logger;
  metrics: Metrics;
  /** MEDIDO_PROJECTOR_STUCK_AFTER_ATTEMPTS (default 5): see stuck-partitions.ts. */
  stuckAfterAttempts?: number | undefined;
  /** Receives the start: resolves once the projector consumes, with null if the host closed first. */
  onStarting?: (started: Promise<Projector | null>) => void;
}

const LAG_POLL_MS = 5_000;

/**
 * A stuck partition makes the host not ready, naming it (docs/operations.md, "Stuck partitions"): a
 * projector pod serves no traffic, so that costs nothing there, and probes, rollouts and operators see it.
 */
function assertNotStuck(projector: Projector): void {
  const stuck = projector.stuck();
  if (stuck.length === 0) return;
  throw new Error(
    `stuck: ${stuck.map((s) => `${s.topic} partition ${s.partition} at offset ${s.offset} after ${s.attempts} attempts (${s.error})`).join('; ')}`,
  );
}

/**
 * The projector role on a host instance (`createHttpApp`). In the background it creates the topics,
 * migrates both read models (idempotent, safe with several replicas) and starts consuming, retrying
 * with backoff while a dependency is down, so a projector started during an outage waits for it
 * (live, not ready) instead of crash-looping. Readiness names the bus, both stores and the projector;
 * the consumer lag is published on /metrics every few seconds. Closing the host finishes the current
 * batch and stops consuming (the caller then closes the bus and stores it owns).
 */
export async function projectorRole(app: FastifyInstance, options: ProjectorRoleOptions): Promise<void> {
  const { bus, measurements, catalog, logger, metrics } = options;
  let projector: Projector | null = null;
  const starting = startWithRetry(
    async () => {
      await bus.ensureTopics(medidoTopics());
      await measurements.migrate();
      await catalog.migrate();
      return startProjector({
        bus,
        measurements,
        catalog,
        logger,
        metrics,
        ...(options.stuckAfterAttempts ? { stuckAfterAttempts: options.stuckAfterAttempts } : {}),
      });
    },
    (p) => p.stop(),
    logger,
    'starting the projector',
  );
  const started = starting.result.then((p) => {
    projector = p;
    if (p) logger.info('projector consuming');
    return p;
  });
  options.onStarting?.(started);

  const lagTimer = setInterval(() => {
    projector?.lag().then(
      (lag) => {
        for (const [topic, n] of Object.entries(lag)) metrics.consumerLag.set({ topic }, n);
      },
      (error: unknown) => logger.warn({ err: error }, 'could not read consumer lag'),
    );
  }, LAG_POLL_MS);
  lagTimer.unref();

  addReadinessCheck(app, { name: 'event-bus', check: () => bus.ping() });
  addReadinessCheck(app, { name: 'measurements', check: () => measurements.ping() });
  addReadinessCheck(app, { name: 'catalog', check: () => catalog.ping() });
  addReadinessCheck(app, {
    name: 'projector',
    check: async () => {
      if (!projector) throw new Error('not consuming yet');
      assertNotStuck(projector);
    },
  });

  app.addHook('onClose', async () => {
    clearInterval(lagTimer);
    await starting.cancel();
    await projector?.stop();
  });
}
