import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { uniqueName } from '../fixtures.ts';

describe('local Kafka broker', () => {
  const kafka = new Kafka({ clientId: 'infra-test', brokers: inject('kafkaBrokers'), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  afterAll(() => admin.disconnect());

  it('stores produced records and a consumer group reads them and commits its offsets', async () => {
    const topic = uniqueName('infra_kafka');
    const groupId = uniqueName('infra_group');
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });

    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: [
        { key: 'a', value: 'one' },
        { key: 'a', value: 'two' },
        { key: 'b', value: 'three' },
      ],
    });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const seen: string[] = [];
    await new Promise<void>((resolve) => {
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ message, partition }) => {
          seen.push(`${message.key}:${message.value}`);
          await consumer.commitOffsets([{ topic, partition, offset: String(Number(message.offset) + 1) }]);
          if (seen.length === 3) resolve();
        },
      });
    });
    await consumer.disconnect();

    expect(seen.filter((s) => s.startsWith('a:'))).toEqual(['a:one', 'a:two']); // per-key order
    expect(seen).toContain('b:three');
    const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
    const total = committed[0]!.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0); // -1 = nothing committed;
    expect(total).toBe(3);
  });
});
