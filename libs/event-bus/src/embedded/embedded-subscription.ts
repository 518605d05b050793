import { setTimeout as delay } from 'node:timers/promises';
import type { RecordBatch, SubscribeOptions, Subscription } from '../event-bus.port.ts';
import { backoffDelay, type BackoffOptions } from '../retry-backoff.ts';
import type { SqliteLog } from './sqlite-log.ts';

export interface EmbeddedSubscriptionDeps {
  log: SqliteLog;
  backoff: BackoffOptions;
  maxBatchRecords: number;
  maxBatchBytes: number;
  /** Records kept after every group committed past them; undefined keeps everything. */
  retainCommitted: number | undefined;
  /** Resolves when `topic`/`partition` got new records (or the signal aborts). */
  waitForAppend: (topic: string, partition: number, signal: AbortSignal) => Promise<void>;
  onStopped: () => void;
}

/** Lets at most `size` handlers run at once (SubscribeOptions.concurrency). */
class Gate {
  #free: number;
  readonly #waiting: (() => void)[] = [];
  constructor(size: number) {
    this.#free = size;
  }
  async acquire(): Promise<void> {
    if (this.#free > 0) {
      this.#free--;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }
  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free++;
  }
}

/** Waits `ms`, or less when `signal` aborts (resolves either way: the loop then sees it stopped). */
const sleep = (ms: number, signal: AbortSignal) => delay(ms, undefined, { signal }).catch(() => undefined);

/**
 * The one member of a consumer group on the embedded bus: a loop per partition that reads from the
 * group's committed offset, hands the batch to the handler and commits after it resolved. A failing
 * handler gets the same batch again after an exponential, capped backoff; nothing is skipped.
 */
export class EmbeddedSubscription implements Subscription {
  readonly #deps: EmbeddedSubscriptionDeps;
  readonly #options: SubscribeOptions;
  readonly #abort = new AbortController();
  readonly #gate: Gate;
  #loops: Promise<void>[] = [];

  constructor(deps: EmbeddedSubscriptionDeps, options: SubscribeOptions) {
    this.#deps = deps;
    this.#options = options;
    this.#gate = new Gate(Math.max(1, options.concurrency ?? 1));
  }

  start(): void {
    const { log } = this.#deps;
    for (const topic of this.#options.topics) {
      const partitions = log.partitions(topic);
      if (partitions === undefined) throw new Error(`topic ${topic} does not exist; create it with ensureTopics`);
      for (let partition = 0; partition < partitions; partition++) {
        if (log.committed(this.#options.groupId, topic, partition) === undefined) {
          // Like Kafka's auto.offset.reset, the starting point is fixed (committed) when the group first meets the partition.
          const from = this.#options.fromBeginning === false ? log.end(topic, partition) : log.start(topic, partition);
          log.commit(this.#options.groupId, topic, partition, from);
        }
        this.#loops.push(this.#consume(topic, partition));
      }
    }
  }

  async #consume(topic: string, partition: number): Promise<void> {
    const { log } = this.#deps;
    const signal = this.#abort.signal;
    let attempt = 0;
    while (!signal.aborted) {
      // The batch is read once this loop holds the gate: only `concurrency` batches of the subscription
      // are in memory at a time, not one per partition waiting its turn (8 × maxBatchBytes in a backfill).
      await this.#gate.acquire();
      const next = Math.max(log.committed(this.#options.groupId, topic, partition) ?? 0, log.start(topic, partition));
      let records: ReturnType<typeof log.read>;
      try {
        records = log.read(topic, partition, next, this.#deps.maxBatchRecords, this.#deps.maxBatchBytes);
      } catch (error) {
        this.#gate.release();
        throw error;
      }
      if (records.length === 0) {
        this.#gate.release();
        await this.#deps.waitForAppend(topic, partition, signal);
        continue;
      }
      const batch: RecordBatch = {
        topic,
        partition,
        records,
        firstOffset: records[0]!.offset,
        lastOffset: records.at(-1)!.offset,
      };
      let failed = false;
      try {
        // A taken batch settles before the next is read: this bus's batches come from a local file, so
        // there is no fetch round to overlap, and waiting keeps the commit at the batch's end.
        const taken = await this.#options.eachBatch(batch);
        if (taken) await taken.settled;
      } catch (error) {
        failed = true;
        attempt++;
        this.#options.onRetry?.(error, batch, attempt);
      } finally {
        this.#gate.release();
      }
      if (failed) {
        await sleep(backoffDelay(attempt, this.#deps.backoff), signal);
        continue;
      }
      attempt = 0;
      log.commit(this.#options.groupId, topic, partition, Number(batch.lastOffset) + 1);
      if (this.#deps.retainCommitted !== undefined) log.trim(topic, partition, this.#deps.retainCommitted);
    }
  }

  async lag(): Promise<Record<string, number>> {
    const { log } = this.#deps;
    const lag: Record<string, number> = {};
    for (const topic of this.#options.topics) {
      let sum = 0;
      for (let partition = 0; partition < (log.partitions(topic) ?? 0); partition++) {
        const start = log.start(topic, partition);
        sum +=
          log.end(topic, partition) - Math.max(start, log.committed(this.#options.groupId, topic, partition) ?? start);
      }
      lag[topic] = sum;
    }
    return lag;
  }

  async stop(): Promise<void> {
    if (this.#abort.signal.aborted) return;
    this.#abort.abort();
    // A handler already running finishes and commits; no new batch starts.
    await Promise.allSettled(this.#loops);
    this.#deps.onStopped();
  }
}
