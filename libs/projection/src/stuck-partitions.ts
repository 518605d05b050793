import type { RecordBatch } from '@medido/event-bus';
import type { Metrics } from '@medido/platform';
import type { Logger } from 'pino';

/** A partition whose batch at `offset` failed `attempts` times in a row (the bus keeps retrying it). */
export interface StuckPartition {
  topic: string;
  partition: number;
  /** First offset of the batch that keeps failing: the partition's committed position. */
  offset: string;
  attempts: number;
  /** The last failure's message (its first line, at most 200 characters). */
  error: string;
  /** When the batch at this offset first failed (ISO 8601). */
  since: string;
  /** When the last attempt failed (ms since the epoch). */
  lastFailureAt: number;
}

export interface StuckPartitions {
  /** The bus's onRetry: the batch failed for the attempt-th time in a row. */
  failed(error: unknown, batch: RecordBatch, attempt: number): void;
  /** The batch was projected: its partition moves again. */
  succeeded(batch: RecordBatch): void;
  /** Partitions that failed at least `threshold` times in a row, oldest first. */
  list(): StuckPartition[];
}

/**
 * Makes a partition that cannot get past a batch visible. A store outage retries every partition,
 * but a batch that fails on its own (a failure the projector does not recognise as bad data, so it
 * neither dead-letters nor skips it) would otherwise only show as rising consumer lag while every
 * later reading of that partition waits. After `threshold` attempts: an error log line and a metric
 * series naming topic, partition, offset and attempts, and `list()` (readiness) names it; the series is
 * removed and an info line logged when the partition moves again.
 *
 * A partition that stops being retried here without succeeding has moved to another member of the
 * group (a rebalance) or its consumer stopped: after `staleAfterMs` without an attempt it is no longer
 * this process's to report (the new owner reports it if it stays stuck). The default is well above the
 * bus's longest backoff (30 s) plus a ClickHouse request timeout (60 s).
 */
export function stuckPartitions(options: {
  threshold: number;
  logger: Logger;
  metrics?: Metrics | undefined;
  staleAfterMs?: number;
  now?: () => number;
}): StuckPartitions {
  const now = options.now ?? Date.now;
  const staleAfterMs = options.staleAfterMs ?? 5 * 60_000;
  const failing = new Map<string, StuckPartition>();
  const keyOf = (batch: RecordBatch) => `${batch.topic}\u0000${batch.partition}`;
  const labels = (s: StuckPartition) => ({ topic: s.topic, partition: String(s.partition), offset: s.offset });

  return {
    failed(error, batch, attempt) {
      const key = keyOf(batch);
      const previous = failing.get(key);
      if (previous && previous.offset !== batch.firstOffset && previous.attempts >= options.threshold)
        options.metrics?.stuckPartitions.remove(labels(previous));
      const entry: StuckPartition = {
        topic: batch.topic,
        partition: batch.partition,
        offset: batch.firstOffset,
        attempts: attempt,
        // Readiness shows it (unauthenticated): one line, bounded; the log line carries the whole error.
        error: (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200),
        since: previous?.offset === batch.firstOffset ? previous.since : new Date(now()).toISOString(),
        lastFailureAt: now(),
      };
      failing.set(key, entry);
      if (attempt < options.threshold) return;
      options.metrics?.stuckPartitions.set(labels(entry), attempt);
      options.logger.error(
        {
          topic: entry.topic,
          partition: entry.partition,
          offset: entry.offset,
          attempts: attempt,
          since: entry.since,
          err: error,
        },
        'partition stuck: the same batch keeps failing; later records of this partition wait',
      );
    },
    succeeded(batch) {
      const key = keyOf(batch);
      const entry = failing.get(key);
      if (!entry) return;
      failing.delete(key);
      if (entry.attempts < options.threshold) return;
      options.metrics?.stuckPartitions.remove(labels(entry));
      options.logger.info(
        { topic: entry.topic, partition: entry.partition, offset: entry.offset, attempts: entry.attempts },
        'stuck partition moves again',
      );
    },
    list() {
      for (const [key, entry] of failing) {
        if (now() - entry.lastFailureAt <= staleAfterMs) continue;
        failing.delete(key);
        if (entry.attempts >= options.threshold) options.metrics?.stuckPartitions.remove(labels(entry));
      }
      return [...failing.values()]
        .filter((s) => s.attempts >= options.threshold)
        .sort((a, b) => a.since.localeCompare(b.since));
    },
  };
}
