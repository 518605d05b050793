import type { Message, TopicMessages } from 'kafkajs';
import { BusUnavailableError } from '../event-bus.port.ts';
import { toPublishError } from './kafka-errors.ts';
import type { RecordSender } from './platformatic-producer.ts';

interface Pending {
  topic: string;
  messages: Message[];
  bytes: number;
  settled: boolean;
  resolve: () => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export interface KafkaPublisherOptions {
  /** A connected idempotent producer (connects lazily, may reject while the broker is away). */
  producer: () => Promise<RecordSender>;
  /** Rejects when the topic does not exist (a producer would otherwise retry it forever). */
  verifyTopic: (topic: string) => Promise<void>;
  ackTimeoutMs: number;
  /** Upper bound of one produce request; stays under the broker's message.max.bytes (1 MiB default). */
  maxRequestBytes: number;
}

/** Rough wire size of a record: enough to keep requests under the broker's limit. */
function sizeOf(message: Message): number {
  let size = 64 + Buffer.byteLength(message.key as string) + Buffer.byteLength(message.value as string | Buffer);
  for (const [name, value] of Object.entries(message.headers ?? {}))
    size += name.length + Buffer.byteLength(value as string) + 8;
  return size;
}

/**
 * Sends records through one idempotent producer, one produce request at a time, and coalesces the
 * publishes that queue up meanwhile into the next request.
 *
 * Why one at a time: an idempotent producer's requests to a partition must arrive in sequence order
 * (clients serialize them per broker), but a send waiting on that cannot be withdrawn, so a
 * publish the caller gave up on would still be written later. Here a publish that timed out is
 * dropped before it is sent; only the request already in flight may still land after its caller
 * got BusUnavailableError. Why coalesce: concurrent HTTP requests share one broker round trip.
 */
export class KafkaPublisher {
  readonly #options: KafkaPublisherOptions;
  readonly #queue: Pending[] = [];
  #draining = false;
  #inFlightSince: number | null = null;
  #closed = false;

  constructor(options: KafkaPublisherOptions) {
    this.#options = options;
  }

  enqueue(topic: string, messages: Message[]): Promise<void> {
    if (this.#closed) return Promise.reject(new BusUnavailableError('the event bus is closed'));
    return new Promise<void>((resolve, reject) => {
      const pending: Pending = {
        topic,
        messages,
        bytes: messages.reduce((sum, m) => sum + sizeOf(m), 0),
        settled: false,
        resolve,
        reject,
        timer: setTimeout(() => this.#expire(pending), this.#options.ackTimeoutMs),
      };
      this.#queue.push(pending);
      void this.#drain();
    });
  }

  /** How long the request in flight has waited for the broker (0 when idle): a stalled producer fails readiness. */
  stalledMs(now = Date.now()): number {
    return this.#inFlightSince === null ? 0 : now - this.#inFlightSince;
  }

  close(): void {
    this.#closed = true;
    for (const pending of this.#queue.splice(0))
      this.#settle(pending, new BusUnavailableError('the event bus is closing'));
  }

  #expire(pending: Pending): void {
    const queued = this.#queue.indexOf(pending);
    if (queued >= 0) this.#queue.splice(queued, 1);
    this.#settle(pending, new BusUnavailableError(`Kafka did not acknowledge within ${this.#options.ackTimeoutMs} ms`));
  }

  #settle(pending: Pending, error?: Error): void {
    if (pending.settled) return;
    pending.settled = true;
    clearTimeout(pending.timer);
    if (error) pending.reject(error);
    else pending.resolve();
  }

  async #drain(): Promise<void> {
    if (this.#draining) return;
    this.#draining = true;
    try {
      while (this.#queue.length > 0) await this.#send(this.#take());
    } finally {
      this.#draining = false;
    }
  }

  /** The head of the queue: as many publishes as fit one request, or one publish that alone exceeds it. */
  #take(): Pending[] {
    const batch: Pending[] = [];
    let bytes = 0;
    while (this.#queue.length > 0) {
      const next = this.#queue[0]!;
      if (batch.length > 0 && bytes + next.bytes > this.#options.maxRequestBytes) break;
      batch.push(this.#queue.shift()!);
      bytes += next.bytes;
    }
    return batch;
  }

  async #send(batch: Pending[]): Promise<void> {
    try {
      for (const topic of new Set(batch.map((p) => p.topic))) await this.#options.verifyTopic(topic);
      const producer = await this.#options.producer();
      for (const request of this.#requests(batch)) {
        // A publish split over several requests stops at its first failure or expiry: the rest is never sent.
        if (batch.every((p) => p.settled)) return;
        this.#inFlightSince = Date.now();
        await producer.sendBatch({ topicMessages: request, acks: -1, timeout: this.#options.ackTimeoutMs });
      }
      for (const pending of batch) this.#settle(pending);
    } catch (error) {
      const failure = toPublishError(error);
      for (const pending of batch) this.#settle(pending, failure);
    } finally {
      this.#inFlightSince = null;
    }
  }

  /** Produce requests for a batch, records in publish order per topic (so per key), each under maxRequestBytes. */
  *#requests(batch: Pending[]): Generator<TopicMessages[]> {
    let request = new Map<string, Message[]>();
    let bytes = 0;
    for (const pending of batch) {
      for (const message of pending.messages) {
        const size = sizeOf(message);
        if (bytes > 0 && bytes + size > this.#options.maxRequestBytes) {
          yield [...request].map(([topic, messages]) => ({ topic, messages }));
          request = new Map();
          bytes = 0;
        }
        const list = request.get(pending.topic) ?? [];
        if (list.length === 0) request.set(pending.topic, list);
        list.push(message);
        bytes += size;
      }
    }
    if (bytes > 0) yield [...request].map(([topic, messages]) => ({ topic, messages }));
  }
}
