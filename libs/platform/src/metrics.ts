// Type-only: brings @fastify/swagger's `schema.hide` into FastifySchema.
import type {} from '@fastify/swagger';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { MedidoError } from './errors.ts';

/**
 * One Prometheus registry per process; every role registers its metrics here and `/metrics` serves
 * them. Names follow Prometheus conventions (`medido_` prefix, base units, `_total` for counters).
 */
export function createMetrics(role: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ role });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'medido_http_request_duration_seconds',
      help: 'HTTP request latency by route and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    ingestedReadings: new Counter({
      name: 'medido_ingest_readings_total',
      help: 'Readings accepted (202) by the ingestor.',
      registers: [registry],
    }),
    rejectedItems: new Counter({
      name: 'medido_ingest_rejected_total',
      help: 'Items rejected by the ingestor, by code.',
      labelNames: ['code'],
      registers: [registry],
    }),
    projectedRecords: new Counter({
      name: 'medido_projector_records_total',
      help: 'Records projected, by topic.',
      labelNames: ['topic'],
      registers: [registry],
    }),
    projectionBatchSize: new Histogram({
      name: 'medido_projector_batch_records',
      help: 'Records per projected batch (a count: the unit is records).',
      labelNames: ['topic'],
      buckets: [1, 10, 100, 500, 1000, 5000, 10000],
      registers: [registry],
    }),
    projectionLatency: new Histogram({
      name: 'medido_projection_latency_seconds',
      help: 'Event time to committed projection.',
      labelNames: ['topic'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      registers: [registry],
    }),
    consumerLag: new Gauge({
      name: 'medido_consumer_lag_records',
      help: 'Records not yet projected, by topic.',
      labelNames: ['topic'],
      registers: [registry],
    }),
    deadLetters: new Counter({
      name: 'medido_dead_letters_total',
      help: 'Records sent to the dead-letter topic, by reason.',
      labelNames: ['topic', 'code'],
      registers: [registry],
    }),
    // One series per stuck partition, removed once it moves on: the offset label changes only then.
    stuckPartitions: new Gauge({
      name: 'medido_projector_stuck_partition_attempts',
      help: 'Failed attempts of the batch a stuck partition cannot get past (present only while stuck).',
      labelNames: ['topic', 'partition', 'offset'],
      registers: [registry],
    }),
    tokenRefreshFailures: new Counter({
      name: 'medido_token_refresh_failures_total',
      help: 'Refused refresh attempts, by reason.',
      labelNames: ['reason'],
      registers: [registry],
    }),
    accessEventsPublished: new Counter({
      name: 'medido_access_events_published_total',
      help: 'Access records (who read what) published to the event bus.',
      registers: [registry],
    }),
    accessEventsBuffered: new Gauge({
      name: 'medido_access_events_buffered',
      help: 'Access records waiting for the event bus.',
      registers: [registry],
    }),
    accessReadsRefused: new Counter({
      name: 'medido_access_reads_refused_total',
      help: 'Reads refused (503) because the access-record buffer was full.',
      registers: [registry],
    }),
    accessEventsUnpublished: new Counter({
      name: 'medido_access_events_unpublished_total',
      help: 'Access records not published before shutdown (each logged in full).',
      registers: [registry],
    }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;

/**
 * Who may read /metrics on this instance: anyone (`open`, for a listener of its own off the public
 * network), callers with `Authorization: Bearer <token>`, or nobody (`none`: not served here).
 */
export type MetricsExposition = 'open' | 'none' | { bearer: string };

function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Times every request by its route pattern (never the raw URL: unbounded label values) and serves /metrics. */
export const metricsPlugin = fp(
  async (app: FastifyInstance, opts: { metrics: Metrics; exposition?: MetricsExposition }) => {
    const exposition = opts.exposition ?? 'open';
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      opts.metrics.httpDuration.observe(
        { method: request.method, route, status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });
    if (exposition === 'none') return;
    app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
      if (typeof exposition === 'object') {
        const [scheme, token] = (request.headers.authorization ?? '').split(' ');
        if (scheme?.toLowerCase() !== 'bearer' || !token)
          throw new MedidoError('AUTH_TOKEN_MISSING', 'send Authorization: Bearer <MEDIDO_METRICS_TOKEN>', {
            headers: { 'www-authenticate': 'Bearer realm="metrics"' },
          });
        if (!sameSecret(token, exposition.bearer))
          throw new MedidoError('AUTH_CREDENTIAL_INVALID', 'not the metrics credential', {
            headers: { 'www-authenticate': 'Bearer realm="metrics", error="invalid_token"' },
          });
      }
      return reply.type(opts.metrics.registry.contentType).send(await opts.metrics.registry.metrics());
    });
  },
  { name: 'metrics' },
);
