import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { withRecentChanges, type ChangeLogReader } from '@medido/catalog';
import { medidoTopics } from '@medido/event-bus';
import { addReadinessCheck, type Metrics } from '@medido/platform';
import { startWithRetry } from '@medido/projection';
import { notifierMetrics } from './notifier-metrics.ts';
import { startNotifier, type Notifier, type NotifierDeps } from './notifier.ts';

/**
 * Something else that runs inside the notifier role off the change log (the webhook deliverer): started
 * once the log is migrated, stopped when the host closes, its readiness part of the host's.
 */
export interface NotifierWorker {
  name: string;
  start(context: { changes: ChangeLogReader; logger: Logger }): Promise<RunningWorker>;
}
export interface RunningWorker {
  stop(): Promise<void>;
  /** Throws while the worker cannot do its job (readiness names it). */
  ready?(): Promise<void>;
}

export interface NotifierRoleOptions {
  bus: NotifierDeps['bus'];
  catalog: NotifierDeps['catalog'] & ChangeLogReader & { migrate(): Promise<void>; ping(): Promise<void> };
  measurements?: NotifierDeps['measurements'] & { ping(): Promise<void> };
  logger: Logger;
  metrics: Metrics;
  /** Partitions the notifier handles at once (NotifierDeps.concurrency). */
  concurrency?: number;
  /** Extra background workers reading the change log (see NotifierWorker). */
  workers?: NotifierWorker[];
  /** Resolves once the notifier consumes, with null if the host closed first. */
  onStarting?: (started: Promise<Notifier | null>) => void;
}

const LAG_POLL_MS = 5_000;

/**
 * The notifier role on a host instance (`createHttpApp`), like the projector's: topics and the catalog
 * migrated and the consumer started in the background, retried with backoff while a dependency is
 * down (live, not ready); readiness names the bus, the catalog, the notifier and each worker; its lag
 * and counts go to /metrics. Closing the host finishes the current batch and stops the workers.
 */
export async function notifierRole(app: FastifyInstance, options: NotifierRoleOptions): Promise<void> {
  const { bus, logger } = options;
  // The webhook workers read what this process's notifier appends: from memory (recent-changes.ts),
  // unless the store itself answers in process.
  const catalog = options.catalog.readsLocally ? options.catalog : withRecentChanges(options.catalog);
  const metrics = notifierMetrics(options.metrics.registry);
  let notifier: Notifier | null = null;
  const running: { name: string; worker: RunningWorker }[] = [];
  const starting = startWithRetry(
    async () => {
      await bus.ensureTopics(medidoTopics());
      await catalog.migrate();
      const started = await startNotifier({
        bus,
        catalog,
        logger,
        metrics,
        ...(options.measurements ? { measurements: options.measurements } : {}),
        ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      });
      for (const w of options.workers ?? [])
        running.push({
          name: w.name,
          worker: await w.start({ changes: catalog, logger: logger.child({ worker: w.name }) }),
        });
      return started;
    },
    async (n) => {
      await n.stop();
      await stopWorkers();
    },
    logger,
    'starting the notifier',
  );
  async function stopWorkers() {
    await Promise.all(running.splice(0).map((r) => r.worker.stop()));
  }
  const started = starting.result.then((n) => {
    notifier = n;
    if (n) logger.info('notifier consuming');
    return n;
  });
  options.onStarting?.(started);

  const lagTimer = setInterval(() => {
    notifier?.lag().then(
      (n) => metrics.lag.set(n),
      (error: unknown) => logger.warn({ err: error }, 'could not read the notifier lag'),
    );
  }, LAG_POLL_MS);
  lagTimer.unref();

  addReadinessCheck(app, { name: 'event-bus', check: () => bus.ping() });
  addReadinessCheck(app, { name: 'catalog', check: () => catalog.ping() });
  if (options.measurements) addReadinessCheck(app, { name: 'measurements', check: () => options.measurements!.ping() });
  addReadinessCheck(app, {
    name: 'notifier',
    check: async () => {
      if (!notifier) throw new Error('not consuming yet');
    },
  });
  for (const w of options.workers ?? []) {
    addReadinessCheck(app, {
      name: w.name,
      check: async () => {
        const r = running.find((x) => x.name === w.name);
        if (!r) throw new Error('not started yet');
        await r.worker.ready?.();
      },
    });
  }

  app.addHook('onClose', async () => {
    clearInterval(lagTimer);
    await starting.cancel();
    await notifier?.stop();
    await stopWorkers();
  });
}
