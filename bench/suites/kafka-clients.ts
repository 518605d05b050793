import {
  Consumer as PlatformaticConsumer,
  Producer as PlatformaticProducer,
  stringDeserializers,
  stringSerializers,
} from '@platformatic/kafka';
import { Kafka, logLevel, Partitioners } from 'kafkajs';

export interface KafkaWork {
  brokers: string[];
  topic: string;
  groupId: string;
  /** Messages per produce request (what the ingestor's publisher coalesces into one). */
  batch: number;
  messages: { key: string; value: string }[];
}

export interface KafkaClientResult {
  produceMs: number;
  consumeMs: number;
}

/**
 * The same work for each client: every message produced by an idempotent producer with acks=all, one
 * produce request at a time (as Medido's publisher sends), then every message consumed by a new consumer
 * group from the earliest offset.
 */
export type KafkaClientBench = (work: KafkaWork) => Promise<KafkaClientResult>;

export const kafkajsBench: KafkaClientBench = async (work) => {
  const kafka = new Kafka({ brokers: work.brokers, logLevel: logLevel.NOTHING, clientId: 'bench-kafkajs' });
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  let started = performance.now();
  for (let i = 0; i < work.messages.length; i += work.batch) {
    await producer.send({ topic: work.topic, acks: -1, messages: work.messages.slice(i, i + work.batch) });
  }
  const produceMs = performance.now() - started;
  await producer.disconnect();

  const consumer = kafka.consumer({ groupId: work.groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [work.topic], fromBeginning: true });
  let seen = 0;
  started = performance.now();
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        eachBatchAutoResolve: true,
        autoCommit: true,
        eachBatch: async ({ batch }) => {
          for (const m of batch.messages) if (m.value) seen += 1;
          if (seen >= work.messages.length) resolve();
        },
      })
      .catch(reject);
  });
  const consumeMs = performance.now() - started;
  await consumer.disconnect();
  return { produceMs, consumeMs };
};

export const platformaticBench: KafkaClientBench = async (work) => {
  const producer = new PlatformaticProducer({
    clientId: 'bench-platformatic',
    bootstrapBrokers: work.brokers,
    idempotent: true,
    acks: -1,
    serializers: stringSerializers,
  });
  let started = performance.now();
  for (let i = 0; i < work.messages.length; i += work.batch) {
    await producer.send({
      messages: work.messages.slice(i, i + work.batch).map((m) => ({ topic: work.topic, key: m.key, value: m.value })),
    });
  }
  const produceMs = performance.now() - started;
  await producer.close();

  const consumer = new PlatformaticConsumer({
    clientId: 'bench-platformatic',
    groupId: work.groupId,
    bootstrapBrokers: work.brokers,
    deserializers: stringDeserializers,
    maxWaitTime: 100,
  });
  started = performance.now();
  const stream = await consumer.consume({ topics: [work.topic], mode: 'earliest', autocommit: true });
  let seen = 0;
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (message) => {
      if (message.value) seen += 1;
      if (seen === work.messages.length) resolve();
    });
    stream.on('error', reject);
  });
  const consumeMs = performance.now() - started;
  await stream.close();
  await consumer.close(true);
  return { produceMs, consumeMs };
};
