/**
 * The event bus port: Kafka in production, an in-process bus in the embedded default.
 * Both adapters honour the same contract (see testing/event-bus.contract.ts):
 * - `publish` resolves only once the bus durably has every record (Kafka: acks=all, idempotent
 *   producer); it rejects with BusUnavailableError otherwise, and then no record may be assumed kept;
 * - records with the same key keep their order;
 * - a subscription sees each record at least once; its handler's success is the commit point
 *   (the offset advances only after `eachBatch` resolved, or after the `settled` of a batch it took),
 *   so a crash re-delivers, never skips.
 *
 * Topic names are logical (`medido.measurements.v1`); an adapter may map them to physical names
 * (Kafka's `topicPrefix`) but every name it hands back, in records and lag, is the logical one.
 */
export interface OutgoingRecord {
  key: string;
  value: string | Buffer;
  headers?: Record<string, string>;
}

export interface IncomingRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | undefined>;
  /** Broker append time or producer timestamp, ms since epoch. */
  timestamp: number;
}

export interface RecordBatch {
  topic: string;
  partition: number;
  records: IncomingRecord[];
  /** Offset of the first and last record: the coordinates of the batch (dedup tokens are built from them). */
  firstOffset: string;
  lastOffset: string;
}

/**
 * What a handler may answer instead of nothing: the batch is taken, and `settled` resolves once its effects
 * are durable (or rejects if they could not be made so). A slow tail (the notifier waits for the projector)
 * then no longer holds up the partition's next batches: the bus may deliver them meanwhile, up to
 * `inFlight` taken batches per partition, and commits each one only once it and every earlier batch of its
 * partition settled. A rejection is a failed batch: the partition rewinds to it and, after the backoff,
 * delivers it and everything after it again (the `settled` of batches already given after it is ignored,
 * so a handler must also forget what it derived from them). An adapter may instead wait for `settled`
 * before it delivers the next batch (the embedded bus does): the same contract, without the overlap.
 */
export interface TakenBatch {
  settled: Promise<void>;
}

export interface SubscribeOptions {
  groupId: string;
  topics: string[];
  /** Where a group with no committed offset starts. Default: earliest (nothing is skipped). */
  fromBeginning?: boolean;
  /**
   * Handles one partition's batch; resolve = commit. Throwing pauses and retries the same batch after a
   * backoff. Resolving with a TakenBatch commits when its `settled` resolves (see TakenBatch).
   */
  eachBatch: (batch: RecordBatch) => Promise<void | TakenBatch>;
  /** Called when the handler failed and the batch will be retried (for logs and metrics). */
  onRetry?: (error: unknown, batch: RecordBatch, attempt: number) => void;
  /** How many partitions' batches may be handled at the same time (default 1). Order holds per partition. */
  concurrency?: number;
  /** Taken batches of one partition not yet settled before the bus waits for the oldest (default 4). */
  inFlight?: number;
}

export interface Subscription {
  stop(): Promise<void>;
  /** Records not yet committed, per topic, summed over partitions (consumer lag). */
  lag(): Promise<Record<string, number>>;
}

export interface EventBus {
  publish(topic: string, records: OutgoingRecord[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Creates topics with their partition counts if missing (idempotent). */
  ensureTopics(topics: { topic: string; partitions: number }[]): Promise<void>;
  /** Answers whether the bus can accept writes now (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class BusUnavailableError extends Error {
  override name = 'BusUnavailableError';
}

export function isBusUnavailable(error: unknown): error is BusUnavailableError {
  return error instanceof BusUnavailableError;
}
