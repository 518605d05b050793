import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { CatalogStore } from '@medido/catalog';
import type { EventBus } from '@medido/event-bus';
import type { MeasurementsStore } from '@medido/measurements';
import { notifierRole, type Notifier, type NotifierWorker } from '@medido/notifications';
import { createHttpApp, createMetrics, loadConfig, type Config, type Metrics } from '@medido/platform';

export interface NotifierAppDeps {
  bus: EventBus;
  catalog: CatalogStore;
  /** The store the projector writes: notices about new readings wait until it answers them. */
  measurements?: MeasurementsStore;
  logger: Logger;
  config?: Config;
  metrics?: Metrics;
  workers?: NotifierWorker[];
}

export interface NotifierApp {
  /** Health and metrics over HTTP: the notifier serves nothing else. */
  http: FastifyInstance;
  started: Promise<Notifier | null>;
  close(): Promise<void>;
}

/** The notifier role as a process of its own, side-effect free until called (like apps/projector). */
export async function buildNotifierApp(deps: NotifierAppDeps): Promise<NotifierApp> {
  const metrics = deps.metrics ?? createMetrics('notifier');
  const http = createHttpApp({ config: deps.config ?? loadConfig({}), metrics, logger: deps.logger });
  let started: Promise<Notifier | null> = Promise.resolve(null);
  await http.register(notifierRole, {
    bus: deps.bus,
    catalog: deps.catalog,
    logger: deps.logger,
    metrics,
    onStarting: (s) => {
      started = s;
    },
    ...(deps.measurements ? { measurements: deps.measurements } : {}),
    ...(deps.workers ? { workers: deps.workers } : {}),
  });
  return { http, started, close: () => http.close() };
}
