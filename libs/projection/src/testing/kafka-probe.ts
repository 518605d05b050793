import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { TOPICS } from '@medido/contracts';
import { PROJECTOR_GROUPS } from '../projector.ts';

/**
 * Records a consumer group has not committed yet on physical topics, read from the broker (so it also
 * measures a projector running in another process). A group that committed nothing owes everything.
 */
export async function groupLag(admin: Admin, groupId: string, topics: string[]): Promise<number> {
  let lag = 0;
  for (const topic of topics) {
    const [ends, [committed]] = await Promise.all([
      admin.fetchTopicOffsets(topic),
      admin.fetchOffsets({ groupId, topics: [topic] }),
    ]);
    const done = new Map((committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
    for (const p of ends) {
      const at = done.get(p.partition) ?? -1;
      lag += Number(p.high) - (at >= 0 ? at : Number(p.low));
    }
  }
  return lag;
}

/** Both projector groups' lag under a deployment's topic prefix (measurements; catalog + consumers). */
export async function projectorLag(admin: Admin, prefix: string): Promise<number> {
  const [measurements, catalog] = await Promise.all([
    groupLag(admin, prefix + PROJECTOR_GROUPS.measurements, [prefix + TOPICS.measurements]),
    groupLag(admin, prefix + PROJECTOR_GROUPS.catalog, [prefix + TOPICS.catalog, prefix + TOPICS.consumers]),
  ]);
  return measurements + catalog;
}

export interface RawRecord {
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** Reads `count` records of a physical topic from its beginning, with a plain kafkajs consumer. */
export async function readTopic(
  brokers: string[],
  topic: string,
  count: number,
  timeoutMs = 30_000,
): Promise<RawRecord[]> {
  const consumer = new Kafka({ brokers, logLevel: logLevel.NOTHING }).consumer({
    groupId: `probe_${randomBytes(4).toString('hex')}`,
    maxWaitTimeInMs: 100,
  });
  const out: RawRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`read ${out.length} of ${count} records of ${topic}`)),
        timeoutMs,
      );
      if (count === 0) {
        clearTimeout(timer);
        resolve();
      }
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
          out.push({ partition, offset: message.offset, key: message.key, value: message.value, headers });
          if (out.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return out;
}
