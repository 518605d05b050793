import {
  BusUnavailableError,
  type EventBus,
  type OutgoingRecord,
  type SubscribeOptions,
  type Subscription,
} from '../event-bus.port.ts';
import { partitionForKey } from '../key-partitioner.ts';
import { DEFAULT_BACKOFF, type BackoffOptions } from '../retry-backoff.ts';
import { EmbeddedSubscription } from './embedded-subscription.ts';
import { SqliteLog, type Durability } from './sqlite-log.ts';

export interface EmbeddedEventBusOptions {
  /** The SQLite file of the log, e.g. `<MEDIDO_DATA_DIR>/bus.sqlite`; `:memory:` only in tests. */
  path: string;
  /** Default 'process-crash': a killed process loses nothing acknowledged; 'power-loss' also fsyncs each publish. */
  durability?: Durability;
  /**
   * Retention: undefined (the default) keeps every record, so read models can always be rebuilt
   * by replaying from offset 0. A number N deletes, after each commit, the records that every
   * group known to the log has committed past, except the newest N of them.
   */
  retainCommitted?: number;
  retryBackoff?: BackoffOptions;
  maxBatchRecords?: number;
  /**
   * Bytes of record values per batch (default 1 MiB; a single larger record is still a batch): a
   * backlog of large records (the ingestor writes up to ~170 kB per record) costs a subscriber about a
   * MB per partition in flight, not maxBatchRecords of them (Kafka's max.partition.fetch.bytes). The
   * measurements projector has all 8 partitions in flight and joins their writes, so 1 MiB still makes
   * inserts of ~100 000 readings, and the demo backfill peaks ~30 MB lower than with 4 MiB.
   */
  maxBatchBytes?: number;
}

/**
 * The embedded default's bus: Kafka's model (topics, keyed partitions, offsets committed per
 * group after the handler succeeded) on a durable SQLite log inside the process. `publish`
 * resolves after the records are committed to the file; subscribers are woken after the write.
 * One member per consumer group: a second `subscribe` with a group that is active is refused.
 */
export class EmbeddedEventBus implements EventBus {
  readonly #log: SqliteLog;
  readonly #options: EmbeddedEventBusOptions;
  readonly #waiters = new Map<string, Set<() => void>>();
  readonly #subscriptions = new Map<string, EmbeddedSubscription>();
  #closed = false;

  constructor(options: EmbeddedEventBusOptions) {
    this.#options = options;
    this.#log = new SqliteLog(options.path, options.durability);
  }

  async publish(topic: string, records: OutgoingRecord[]): Promise<void> {
    if (this.#closed) throw new BusUnavailableError('the event bus is closed');
    if (records.length === 0) return;
    const partitions = this.#log.partitions(topic);
    if (partitions === undefined) throw new Error(`topic ${topic} does not exist; create it with ensureTopics`);
    const rows = records.map((r) => ({
      partition: partitionForKey(r.key, partitions),
      key: r.key,
      value: r.value,
      headers: r.headers ?? {},
    }));
    let touched: Set<number>;
    try {
      touched = this.#log.append(topic, rows, Date.now());
    } catch (error) {
      throw new BusUnavailableError(`the embedded log did not take the records: ${(error as Error).message}`, {
        cause: error,
      });
    }
    for (const partition of touched) this.#wake(topic, partition);
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    if (this.#closed) throw new BusUnavailableError('the event bus is closed');
    if (this.#subscriptions.has(options.groupId))
      throw new Error(`consumer group ${options.groupId} already has a member on this embedded bus`);
    const subscription = new EmbeddedSubscription(
      {
        log: this.#log,
        backoff: this.#options.retryBackoff ?? DEFAULT_BACKOFF,
        maxBatchRecords: this.#options.maxBatchRecords ?? 500,
        maxBatchBytes: this.#options.maxBatchBytes ?? 1024 * 1024,
        retainCommitted: this.#options.retainCommitted,
        waitForAppend: (topic, partition, signal) => this.#waitForAppend(topic, partition, signal),
        onStopped: () => this.#subscriptions.delete(options.groupId),
      },
      options,
    );
    subscription.start();
    this.#subscriptions.set(options.groupId, subscription);
    return subscription;
  }

  async ensureTopics(topics: { topic: string; partitions: number }[]): Promise<void> {
    for (const { topic, partitions } of topics) this.#log.ensureTopic(topic, partitions);
  }

  async ping(): Promise<void> {
    if (this.#closed) throw new BusUnavailableError('the event bus is closed');
    this.#log.ping();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.allSettled([...this.#subscriptions.values()].map((s) => s.stop()));
    this.#log.close();
  }

  #waitForAppend(topic: string, partition: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    const slot = `${topic}\0${partition}`;
    return new Promise<void>((resolve) => {
      const waiters = this.#waiters.get(slot) ?? new Set();
      this.#waiters.set(slot, waiters);
      const done = () => {
        waiters.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      waiters.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  #wake(topic: string, partition: number): void {
    const waiters = this.#waiters.get(`${topic}\0${partition}`);
    if (waiters) for (const wake of [...waiters]) wake();
  }
}
