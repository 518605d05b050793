import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { CatalogStore } from '@medido/catalog';
import type { EventBus } from '@medido/event-bus';
import type { MeasurementsStore } from '@medido/measurements';
import { createHttpApp, createMetrics, loadConfig, type Config, type Metrics } from '@medido/platform';
import type { Projector } from '@medido/projection';
import { projectorRole } from '@medido/projection';

export interface ProjectorAppDeps {
  bus: EventBus;
  measurements: MeasurementsStore;
  catalog: CatalogStore;
  logger: Logger;
  /** HTTP settings (timeouts, MEDIDO_METRICS_*); default: the schema's defaults. */
  config?: Config;
  metrics?: Metrics;
  /** MEDIDO_PROJECTOR_STUCK_AFTER_ATTEMPTS (default: config's, else 5). */
  stuckAfterAttempts?: number;
}

export interface ProjectorApp {
  /** Health and metrics over HTTP: the projector has no other HTTP surface. */
  http: FastifyInstance;
  /** Resolves once the projector consumes (after topics and migrations); null if closed first. */
  started: Promise<Projector | null>;
  close(): Promise<void>;
}

/**
 * The projector role as a process of its own, side-effect free until called: /health/* and /metrics
 * at once, the projector starting in the background (`projectorRole`). The caller listens and
 * handles signals.
 */
export async function buildProjectorApp(deps: ProjectorAppDeps): Promise<ProjectorApp> {
  const metrics = deps.metrics ?? createMetrics('projector');
  const http = createHttpApp({ config: deps.config ?? loadConfig({}), metrics, logger: deps.logger });
  let started: Promise<Projector | null> = Promise.resolve(null);
  await http.register(projectorRole, {
    ...deps,
    metrics,
    stuckAfterAttempts: deps.stuckAfterAttempts ?? deps.config?.MEDIDO_PROJECTOR_STUCK_AFTER_ATTEMPTS,
    onStarting: (s) => {
      started = s;
    },
  });
  return { http, started, close: () => http.close() };
}
