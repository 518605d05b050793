import type { Admin, Batch, Consumer, EachBatchPayload, IHeaders } from 'kafkajs';
import type { Logger } from 'pino';
import type { IncomingRecord, RecordBatch, SubscribeOptions, Subscription, TakenBatch } from '../event-bus.port.ts';
import { backoffDelay, type BackoffOptions } from '../retry-backoff.ts';
import { TakenBatches, type TakenBatchHooks } from './taken-batches.ts';

const SETTLED: TakenBatch = { settled: Promise.resolve() };

export interface KafkaSubscriptionDeps {
  /** A new group member; called again to replace one that kafkajs stopped for good. */
  createConsumer: () => Consumer;
  admin: () => Promise<Admin>;
  topicPrefix: string;
  backoff: BackoffOptions;
  /** How often a long-running handler tells the group coordinator it is alive. */
  heartbeatMs: number;
  logger: Logger;
}

/** kafkajs types header values loosely (string | Buffer | arrays of them); on the wire they are bytes. */
function headersOf(headers: IHeaders | undefined): Record<string, Buffer | undefined> {
  const out: Record<string, Buffer | undefined> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw[0] : raw;
    out[name] = value === undefined ? undefined : Buffer.from(value);
  }
  return out;
}

function toRecordBatch(batch: Batch, prefix: string): RecordBatch {
  const topic = batch.topic.slice(prefix.length);
  const records: IncomingRecord[] = batch.messages.map((m) => ({
    topic,
    partition: batch.partition,
    offset: m.offset,
    key: m.key,
    value: m.value,
    headers: headersOf(m.headers),
    timestamp: Number(m.timestamp),
  }));
  return {
    topic,
    partition: batch.partition,
    records,
    firstOffset: batch.firstOffset()!,
    lastOffset: batch.lastOffset(),
  };
}

/**
 * One consumer-group member. Offsets are resolved and committed only after the handler resolved;
 * a failing handler pauses its partition, which is rewound to the batch's first offset and resumed
 * after an exponential, capped backoff: the same records come again, none is skipped, and the
 * process does not crash-loop. Other partitions keep flowing meanwhile.
 *
 * kafkajs restarts a crashed consumer only when the crash's cause is retriable; after a broker restart
 * it sometimes crashes on a cause it rates non-retriable (a lost coordinator, a request that failed
 * mid-rejoin) and then stops for good, silently: the projector would stay alive and never consume
 * again. Such a consumer is replaced by a new one (same group, committed offsets) after a backoff.
 */
export class KafkaSubscription implements Subscription {
  readonly #deps: KafkaSubscriptionDeps;
  readonly #options: SubscribeOptions;
  readonly #attempts = new Map<string, number>();
  readonly #timers = new Set<NodeJS.Timeout>();
  /** Per `topic:partition` (physical names), the batches taken and not settled yet. */
  readonly #pipelines = new Map<string, TakenBatches>();
  #consumer: Consumer | undefined;
  #stopped = false;

  constructor(deps: KafkaSubscriptionDeps, options: SubscribeOptions) {
    this.#deps = deps;
    this.#options = options;
  }

  async start(joinTimeoutMs: number): Promise<void> {
    const consumer = this.#deps.createConsumer();
    this.#consumer = consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.#deps.logger.error(
        { err: payload.error, groupId: payload.groupId, restart: payload.restart },
        'Kafka consumer crashed',
      );
      if (!payload.restart && consumer === this.#consumer) this.#replace(consumer, 1);
    });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    await consumer.subscribe({
      topics: this.#options.topics.map((t) => this.#deps.topicPrefix + t),
      fromBeginning: this.#options.fromBeginning ?? true,
    });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.#options.concurrency ?? 1,
      eachBatch: (payload) => this.#handle(consumer, payload),
    });
    if (this.#stopped) await consumer.disconnect(); // stopped while this (replacement) consumer started
    // Resolving once the group assigned partitions makes "subscribed" mean "consuming" (lag, tests).
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      joined,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, joinTimeoutMs);
      }),
    ]);
    clearTimeout(timer);
  }

  /** Replaces a consumer kafkajs gave up on, retrying with backoff until a new one runs (or the subscription stops). */
  #replace(dead: Consumer, attempt: number): void {
    this.#later(backoffDelay(attempt, this.#deps.backoff), async () => {
      await dead.disconnect().catch(() => undefined);
      if (this.#stopped) return;
      // The new member reads from the committed offsets: what the dead one had taken is delivered again.
      for (const pipeline of this.#pipelines.values()) pipeline.abandon();
      this.#deps.logger.warn({ groupId: this.#options.groupId, attempt }, 'replacing the stopped Kafka consumer');
      try {
        await this.start(this.#deps.heartbeatMs);
      } catch (error) {
        this.#deps.logger.warn(
          { err: error, groupId: this.#options.groupId },
          'the replacement Kafka consumer did not start',
        );
        this.#replace(this.#consumer!, attempt + 1);
      }
    });
  }

  #later(ms: number, task: () => Promise<void> | void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (!this.#stopped) void task();
    }, ms);
    this.#timers.add(timer);
  }

  #pipeline(key: string): TakenBatches {
    let pipeline = this.#pipelines.get(key);
    if (!pipeline) this.#pipelines.set(key, (pipeline = new TakenBatches()));
    return pipeline;
  }

  async #handle(
    consumer: Consumer,
    { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale, pause }: EachBatchPayload,
  ): Promise<void> {
    if (this.#stopped || !isRunning() || isStale() || batch.isEmpty()) return;
    const records = toRecordBatch(batch, this.#deps.topicPrefix);
    const key = `${batch.topic}:${batch.partition}`;
    const pipeline = this.#pipeline(key);
    const generation = pipeline.generation;
    const beat = setInterval(() => heartbeat().catch(() => undefined), this.#deps.heartbeatMs);
    let taken: TakenBatch | void;
    try {
      taken = await this.#options.eachBatch(records);
    } catch (error) {
      // Rewound meanwhile to an earlier batch that failed: that seek stands, this batch comes again after it.
      if (pipeline.generation !== generation) return;
      const attempt = (this.#attempts.get(key) ?? 0) + 1;
      this.#attempts.set(key, attempt);
      this.#options.onRetry?.(error, records, attempt);
      const resume = pause();
      consumer.seek({ topic: batch.topic, partition: batch.partition, offset: records.firstOffset });
      this.#later(backoffDelay(attempt, this.#deps.backoff), resume);
      return;
    } finally {
      clearInterval(beat);
    }
    if (pipeline.generation !== generation) {
      taken?.settled.catch(() => undefined);
      return;
    }
    resolveOffset(batch.lastOffset());
    if (!taken && pipeline.idle) {
      this.#attempts.delete(key);
      const next = (BigInt(batch.lastOffset()) + 1n).toString();
      await commitOffsetsIfNecessary({
        topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }],
      });
      return;
    }
    // Taken (or done behind taken ones): committed in order once settled; kafkajs fetches on meanwhile.
    await pipeline.add(
      records,
      taken ?? SETTLED,
      this.#hooks(consumer, batch.topic, batch.partition),
      this.#options.inFlight ?? 4,
    );
  }

  /** What a partition's taken batches do once settled; `topic` is the physical name. */
  #hooks(consumer: Consumer, topic: string, partition: number): TakenBatchHooks {
    const key = `${topic}:${partition}`;
    return {
      commit: async (next) => {
        try {
          await consumer.commitOffsets([{ topic, partition, offset: next }]);
          this.#attempts.delete(key);
        } catch (error) {
          // A later commit covers this one; after a rebalance the new owner reads from the last one that held.
          if (!this.#stopped) this.#deps.logger.warn({ err: error, topic, partition, next }, 'offset commit failed');
        }
      },
      rewind: (records, error) => {
        if (this.#stopped) return;
        const attempt = (this.#attempts.get(key) ?? 0) + 1;
        this.#attempts.set(key, attempt);
        this.#options.onRetry?.(error, records, attempt);
        const partitions = [{ topic, partitions: [partition] }];
        try {
          consumer.pause(partitions);
          consumer.seek({ topic, partition, offset: records.firstOffset });
        } catch (seekError) {
          // A member that is leaving: its successor reads from the committed offset, before this batch.
          this.#deps.logger.warn({ err: seekError, topic, partition }, 'rewind not possible');
          return;
        }
        this.#later(backoffDelay(attempt, this.#deps.backoff), () => consumer.resume(partitions));
      },
    };
  }

  async lag(): Promise<Record<string, number>> {
    const admin = await this.#deps.admin();
    const lag: Record<string, number> = {};
    for (const topic of this.#options.topics) {
      const physical = this.#deps.topicPrefix + topic;
      const [ends, [committed]] = await Promise.all([
        admin.fetchTopicOffsets(physical),
        admin.fetchOffsets({ groupId: this.#options.groupId, topics: [physical] }),
      ]);
      const committedBy = new Map((committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
      lag[topic] = ends.reduce((sum, p) => {
        const done = committedBy.get(p.partition) ?? -1;
        // -1: the group committed nothing yet, so everything still in the log is pending.
        return sum + Number(p.high) - (done >= 0 ? done : Number(p.low));
      }, 0);
    }
    return lag;
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    // Batches taken and still settling commit before the member leaves (the handler bounds how long).
    await Promise.all([...this.#pipelines.values()].map((pipeline) => pipeline.drain()));
    await this.#consumer?.disconnect();
  }
}
