import type { TopicMessages } from 'kafkajs';
import { murmur2 } from '../key-partitioner.ts';

/** What KafkaPublisher needs of a producer: one produce request for some topics' records, resolved when acknowledged. */
export interface RecordSender {
  sendBatch(request: { topicMessages: TopicMessages[]; acks: -1; timeout: number }): Promise<unknown>;
}

export interface PlatformaticSenderOptions {
  brokers: string[];
  clientId: string;
  /** How long one produce request may wait for the broker before it is retried. */
  requestTimeoutMs: number;
  connectTimeoutMs: number;
}

const bytes = (value: string | Buffer | null | undefined) =>
  typeof value === 'string' ? Buffer.from(value, 'utf8') : (value ?? undefined);

/**
 * The publishing side on `@platformatic/kafka`: on the bench's records it produced 4.7 × the records/s of
 * kafkajs' producer on the same idempotent, acks=all work (docs/benchmarks.md), and the ingestor's CPU
 * profile put kafkajs' record encoding (CRC32C in JavaScript, growing buffers) first among its costs.
 *
 * Same guarantees as before: idempotent (producer id + per-partition sequence numbers, so a retried
 * request is appended once), acks=all, retried without limit while the broker is away (the library's
 * rule for idempotence; callers stop waiting at the bus's ack timeout), one request at a time
 * (KafkaPublisher), and the Java/kafkajs key partitioner — murmur2, made positive — so a device keeps
 * its partition across the switch and matches the embedded bus (`partitionForKey`).
 */
export function platformaticSender(options: PlatformaticSenderOptions): RecordSender & { close(): Promise<void> } {
  const producer = loadLibrary().then(
    ({ Producer, serializersFrom }) =>
      new Producer<string | Buffer, string | Buffer, string, string | Buffer>({
        clientId: options.clientId,
        bootstrapBrokers: options.brokers,
        idempotent: true,
        acks: -1,
        retries: Number.MAX_SAFE_INTEGER,
        retryDelay: 200,
        timeout: options.requestTimeoutMs,
        connectTimeout: options.connectTimeoutMs,
        autocreateTopics: false,
        // The produced partition is this modulo the partition count (the library applies the modulo).
        partitioner: (_message, key) => (key ? murmur2(key) & 0x7fffffff : 0),
        serializers: serializersFrom(bytes as (value?: string | Buffer) => Buffer | undefined),
      }),
  );
  // A failed load surfaces on the first send; it must not also be an unhandled rejection before that.
  producer.catch(() => undefined);
  return {
    async sendBatch({ topicMessages, acks }) {
      const messages = [];
      for (const { topic, messages: records } of topicMessages) {
        for (const m of records) {
          messages.push({
            topic,
            key: m.key as string | Buffer,
            value: m.value as string | Buffer,
            headers: (m.headers ?? {}) as Record<string, string | Buffer>,
          });
        }
      }
      return (await producer).send({ messages, acks });
    },
    close: async () => (await producer).close(true),
  };
}

type PlatformaticKafka = typeof import('@platformatic/kafka');
let library: Promise<PlatformaticKafka> | undefined;

/**
 * The library is loaded by the first Kafka bus of the process, not by importing this package: its
 * import alone adds ~45 MiB of private memory (measured with /proc/self/status), which a process on
 * the embedded bus (`npm start`) would carry for nothing.
 */
function loadLibrary(): Promise<PlatformaticKafka> {
  return (library ??= import('@platformatic/kafka'));
}
