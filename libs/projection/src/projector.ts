import type { AccessLogWriter, CatalogWriter } from '@medido/catalog';
import { HEADERS, TOPICS } from '@medido/contracts';
import {
  TOPIC_PARTITIONS,
  type EventBus,
  type RecordBatch,
  type SubscribeOptions,
  type Subscription,
} from '@medido/event-bus';
import { startRollupMaintenance, type MeasurementsStore } from '@medido/measurements';
import type { Metrics } from '@medido/platform';
import type { Logger } from 'pino';
import { projectAccessBatch } from './access-projection.ts';
import { projectCatalogBatch } from './catalog-projection.ts';
import { projectMeasurementsBatch } from './measurements-projection.ts';
import { stuckPartitions, type StuckPartition } from './stuck-partitions.ts';
import { coalescingStore } from './write-coalescer.ts';

/** Consumer groups, one per read model, so each read model can lag, fail and be replayed on its own. */
export const PROJECTOR_GROUPS = {
  measurements: 'medido-projector-measurements',
  catalog: 'medido-projector-catalog',
  access: 'medido-projector-access',
} as const;

export interface ProjectorDeps {
  bus: EventBus;
  measurements: MeasurementsStore;
  /** The catalog read model, and the access read model beside it (the same store). */
  catalog: CatalogWriter & AccessLogWriter;
  logger: Logger;
  metrics?: Metrics;
  /** Suffix for the consumer group ids (replay runs in fresh groups). */
  groupSuffix?: string;
  /** Start position for groups with no committed offset; default earliest, so nothing is skipped. */
  fromBeginning?: boolean;
  /** Failed attempts of one batch after which its partition counts as stuck (MEDIDO_PROJECTOR_STUCK_AFTER_ATTEMPTS; default 5). */
  stuckAfterAttempts?: number;
}

export interface Projector {
  lag(): Promise<Record<string, number>>;
  /** Partitions whose batch failed at least `stuckAfterAttempts` times in a row (readiness names them). */
  stuck(): StuckPartition[];
  stop(): Promise<void>;
}

/** What projecting a batch tells, whatever its topic. */
type BatchResult = { events: { time: string }[]; deadLetters: { error: { code: string } }[] };

/** What every projected batch reports, whatever its topic: latency and size metrics, each dead letter. */
function observeBatch(deps: ProjectorDeps, batch: RecordBatch, result: BatchResult): void {
  if (deps.metrics) {
    const now = Date.now();
    for (const { time } of result.events)
      deps.metrics.projectionLatency.observe({ topic: batch.topic }, Math.max(0, now - Date.parse(time)) / 1000);
    deps.metrics.projectedRecords.inc({ topic: batch.topic }, batch.records.length);
    deps.metrics.projectionBatchSize.observe({ topic: batch.topic }, batch.records.length);
  }
  for (const { error } of result.deadLetters) {
    deps.metrics?.deadLetters.inc({ topic: batch.topic, code: error.code });
    deps.logger.warn({ topic: batch.topic, partition: batch.partition, code: error.code }, 'record dead-lettered');
  }
}

function requestIdsOf(batch: RecordBatch): string[] {
  const ids = new Set<string>();
  for (const record of batch.records) {
    const id = record.headers[HEADERS.requestId];
    if (id) ids.add(id.toString('utf8'));
  }
  return [...ids];
}

/**
 * Starts the projector role: measurements into ClickHouse, catalog, consumers and access records into MongoDB.
 * A store outage makes the handler throw; the bus pauses the partition, backs off and re-delivers
 * the same records, so the projector neither crash-loops nor skips.
 */
export async function startProjector(deps: ProjectorDeps): Promise<Projector> {
  const suffix = deps.groupSuffix ? `-${deps.groupSuffix}` : '';
  const fromBeginning = deps.fromBeginning ?? true;
  const stuck = stuckPartitions({
    threshold: deps.stuckAfterAttempts ?? 5,
    logger: deps.logger,
    metrics: deps.metrics,
  });
  const onRetry = (error: unknown, batch: RecordBatch, attempt: number) => {
    deps.logger.warn(
      { err: error, topic: batch.topic, partition: batch.partition, offset: batch.firstOffset, attempt },
      'projection failed; retrying the same batch',
    );
    stuck.failed(error, batch, attempt);
  };

  const measurements = coalescingStore(deps.measurements);
  // Rollups catch up off the write path; answers are exact whatever their lag (libs/measurements README).
  const rollups =
    deps.measurements.refreshRollups &&
    startRollupMaintenance(
      { refreshRollups: () => deps.measurements.refreshRollups!() },
      {
        onError: (err) => deps.logger.warn({ err }, 'rollup refresh failed; queries read raw readings meanwhile'),
      },
    );
  const subscriptions: Subscription[] = [];
  /**
   * One read model's consumer group: each batch is projected, observed (observeBatch), reported when the read
   * model logs its batches, and only then marked as through (a throw leaves it to onRetry and the bus).
   */
  async function follow<R extends BatchResult>(
    group: keyof typeof PROJECTOR_GROUPS,
    options: Pick<SubscribeOptions, 'topics' | 'concurrency'>,
    project: (batch: RecordBatch) => Promise<R>,
    report?: (batch: RecordBatch, result: R) => void,
  ): Promise<void> {
    subscriptions.push(
      await deps.bus.subscribe({
        groupId: PROJECTOR_GROUPS[group] + suffix,
        ...options,
        fromBeginning,
        onRetry,
        eachBatch: async (batch) => {
          const result = await project(batch);
          observeBatch(deps, batch, result);
          report?.(batch, result);
          stuck.succeeded(batch);
        },
      }),
    );
  }
  await follow(
    'measurements',
    // Every partition's batch in flight at once, their store writes joined (see write-coalescer.ts).
    { topics: [TOPICS.measurements], concurrency: TOPIC_PARTITIONS[TOPICS.measurements] },
    (batch) => {
      deps.logger.debug(
        { topic: batch.topic, partition: batch.partition, offsets: `${batch.firstOffset}-${batch.lastOffset}` },
        'projecting measurements',
      );
      return projectMeasurementsBatch(batch, { ...deps, measurements });
    },
    // One line per batch, carrying the request and event ids, so a reading can be traced from the
    // ingestor's HTTP log to its write here.
    (batch, result) =>
      deps.logger.info(
        {
          topic: batch.topic,
          partition: batch.partition,
          offsets: `${batch.firstOffset}-${batch.lastOffset}`,
          readings: result.readings,
          requestIds: requestIdsOf(batch),
          eventIds: result.events.map((e) => e.id),
        },
        'measurements projected',
      ),
  );
  await follow(
    'catalog',
    { topics: [TOPICS.catalog, TOPICS.consumers] },
    (batch) => projectCatalogBatch(batch, deps),
    (_batch, result) => {
      for (const event of result.events)
        deps.logger.info({ eventId: event.id, type: event.type, subject: event.subject }, 'catalog event projected');
    },
  );
  await follow('access', { topics: [TOPICS.access] }, (batch) =>
    projectAccessBatch(batch, { bus: deps.bus, accessLog: deps.catalog }),
  );

  const lag = async () => {
    const totals: Record<string, number> = {};
    for (const subscription of subscriptions) {
      for (const [topic, n] of Object.entries(await subscription.lag())) totals[topic] = (totals[topic] ?? 0) + n;
    }
    return totals;
  };
  return {
    lag,
    stuck: () => stuck.list(),
    async stop() {
      await Promise.all(subscriptions.map((s) => s.stop()));
      await rollups?.stop();
    },
  };
}
