import { performance } from 'node:perf_hooks';

/** A memory-reducing collection, when the process was started with --expose-gc (runtime-tuning.ts). */
type Collect = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

export interface IdleCompactionOptions {
  logger: { debug(details: object, message: string): void };
  /** How often the event loop's utilisation is sampled. */
  everyMs?: number;
  /** Below this utilisation over a whole sample the process counts as quiet. */
  quietBelow?: number;
  /** Heap growth since the last compaction that makes one worth its pause. */
  minGrowthBytes?: number;
}

/**
 * Gives memory back once the embedded default is quiet. After a busy stretch (a backfill, a replay,
 * an export) V8 keeps the pages it used, in pools, and does not shrink its heap while nothing
 * allocates: the process stayed at ~800 MB after the demo backfill. When the event loop has been
 * quiet for two samples and the heap grew since the last compaction, one memory-reducing collection
 * (a pause of ~100 ms on an idle process) returns it to the size the live data needs.
 */
export function startIdleCompaction(options: IdleCompactionOptions): { stop(): void } {
  const collect = (globalThis as { gc?: Collect }).gc;
  if (typeof collect !== 'function') return { stop() {} };
  const { logger, everyMs = 5_000, quietBelow = 0.05, minGrowthBytes = 16 * 1024 * 1024 } = options;
  let previous = performance.eventLoopUtilization();
  let quietSamples = 0;
  let heapAfterCompaction = process.memoryUsage().heapTotal;
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const utilisation = performance.eventLoopUtilization(now, previous).utilization;
    previous = now;
    quietSamples = utilisation < quietBelow ? quietSamples + 1 : 0;
    if (quietSamples < 2 || process.memoryUsage().heapTotal - heapAfterCompaction < minGrowthBytes) return;
    const before = process.memoryUsage().rss;
    collect({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    const after = process.memoryUsage();
    heapAfterCompaction = after.heapTotal;
    logger.debug({ rssBefore: before, rssAfter: after.rss }, 'idle: memory given back');
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
