import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { EventBus } from '@medido/event-bus';
import { ingestorRole, type ConsumerDirectory, type ConsumerRegistry } from '@medido/ingest';
import { createHttpApp, createMetrics, type Config, type Metrics } from '@medido/platform';

export interface IngestorAppOptions {
  config: Config;
  bus: EventBus;
  logger?: Logger;
  /** The catalog read model, when this process has one (enables GET /v1/admin/consumers). */
  consumers?: ConsumerDirectory;
  /** The admin commands' registry (main: createConsumerRegistry); omitted, one in memory (tests). */
  registry?: ConsumerRegistry;
  now?: () => number;
  metrics?: Metrics;
}

/**
 * The standalone ingestor as a Fastify instance, not listening: no environment, signals or
 * connections of its own (the caller owns the bus), so tests build it and `inject()` into it.
 * Throws at once on unusable credentials configuration.
 */
export function buildIngestorApp(options: IngestorAppOptions): FastifyInstance {
  const { config, logger, ...roleOptions } = options;
  const metrics = options.metrics ?? createMetrics('ingestor');
  const role = ingestorRole({ ...roleOptions, config, metrics });
  const app = createHttpApp({ config, metrics, ...(logger ? { logger } : {}) });
  app.register(role);
  return app;
}
