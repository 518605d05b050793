import { TOPICS } from '@medido/contracts';
import type { Logger } from 'pino';
import { accessKafkaRecord, type accessEventOf } from './access-event.ts';

type AccessEvent = ReturnType<typeof accessEventOf>;

/** The event bus as the recorder uses it (EventBus of @medido/event-bus satisfies it). */
export interface AccessEventPublisher {
  publish(topic: string, records: { key: string; value: string; headers?: Record<string, string> }[]): Promise<void>;
}

export interface AccessRecorderOptions {
  bus: AccessEventPublisher;
  logger: Pick<Logger, 'warn' | 'error' | 'info'>;
  /** Events held in memory at most; when full, reads are refused (see `accepting`). */
  capacity?: number;
  /** Events per publish. */
  batchSize?: number;
  /** Wait after the first event of an idle period, so concurrent reads share one publish. */
  lingerMs?: number;
  retry?: { initialMs: number; maxMs: number };
  onPublished?: (count: number) => void;
  onBuffered?: (size: number) => void;
  /** Events given up at close (the flush deadline passed): each is also logged in full. */
  onUnpublished?: (count: number) => void;
}

export interface AccessRecorder {
  /** False while the buffer is full: the caller must not serve data it could not account for. */
  accepting(): boolean;
  /** Queues an event; never waits for the bus. */
  record(event: AccessEvent): void;
  buffered(): number;
  /** Publishes what is buffered, waiting at most `timeoutMs`; what is left is logged in full and counted. */
  close(timeoutMs?: number): Promise<void>;
}

/**
 * Publishes access events off the request path: reads never wait for Kafka. Events are queued in a
 * bounded buffer and published in batches, one publish at a time; a failed publish keeps its events
 * at the head of the queue and is retried with capped exponential backoff, so a slow or unavailable
 * bus only makes the buffer grow. Nothing is dropped while running: when the buffer is full the read
 * API refuses new reads (503) until the bus catches up (see docs/operations.md, "Access records").
 * The bound is `capacity` plus the reads already past the check (at most one event each).
 */
export function createAccessRecorder(options: AccessRecorderOptions): AccessRecorder {
  const capacity = options.capacity ?? 10_000;
  const batchSize = options.batchSize ?? 500;
  const lingerMs = options.lingerMs ?? 20;
  const retry = options.retry ?? { initialMs: 200, maxMs: 10_000 };
  const queue: AccessEvent[] = [];
  let timer: NodeJS.Timeout | undefined;
  let publishing: Promise<void> | undefined;
  let failures = 0;
  let closed = false;

  const schedule = (delayMs: number) => {
    if (closed || timer || publishing || queue.length === 0) return;
    timer = setTimeout(() => {
      timer = undefined;
      publishing = publishNext().finally(() => {
        publishing = undefined;
        schedule(backoff());
      });
    }, delayMs);
  };
  const backoff = () => (failures === 0 ? 0 : Math.min(retry.maxMs, retry.initialMs * 2 ** (failures - 1)));

  async function publishNext(): Promise<void> {
    const batch = queue.slice(0, batchSize);
    try {
      await options.bus.publish(TOPICS.access, batch.map(accessKafkaRecord));
      queue.splice(0, batch.length);
      failures = 0;
      options.onPublished?.(batch.length);
      options.onBuffered?.(queue.length);
    } catch (error) {
      failures += 1;
      options.logger.warn(
        { err: error, buffered: queue.length, attempt: failures },
        'access events not published yet; retrying',
      );
    }
  }

  return {
    accepting: () => !closed && queue.length < capacity,
    buffered: () => queue.length,
    record(event) {
      queue.push(event);
      options.onBuffered?.(queue.length);
      if (!closed) schedule(lingerMs);
    },
    async close(timeoutMs = 10_000) {
      closed = true;
      const deadline = Date.now() + timeoutMs;
      clearTimeout(timer);
      timer = undefined;
      await publishing;
      while (queue.length > 0 && Date.now() < deadline) {
        const before = failures;
        await publishNext();
        if (failures > before)
          await new Promise((resolve) => setTimeout(resolve, Math.min(backoff(), Math.max(0, deadline - Date.now()))));
      }
      if (queue.length === 0) return;
      // Last resort, never silent: the records go to the log in full, from where they can be re-published.
      for (const event of queue)
        options.logger.error({ accessEvent: event }, 'access event not published before shutdown');
      options.onUnpublished?.(queue.length);
      queue.length = 0;
    },
  };
}
