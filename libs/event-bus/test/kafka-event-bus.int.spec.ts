import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { BusUnavailableError, KafkaEventBus, type IncomingRecord } from '../src/index.ts';
import { eventually } from '@medido/platform/testing/eventually';
import { describeEventBusContract } from '../src/testing/event-bus.contract.ts';

const brokers = () => inject('kafkaBrokers');

describeEventBusContract('Kafka', () => {
  const topicPrefix = `contract_${randomUUID().slice(0, 8)}_`;
  return {
    open: async () =>
      new KafkaEventBus({
        brokers: brokers(),
        clientId: 'contract-test',
        topicPrefix,
        retryBackoff: { initialMs: 50, maxMs: 500 },
        maxWaitTimeInMs: 100,
      }),
  };
});

describe('Kafka event bus', () => {
  const buses: KafkaEventBus[] = [];
  const open = (options: Partial<ConstructorParameters<typeof KafkaEventBus>[0]> = {}) => {
    const bus = new KafkaEventBus({
      brokers: brokers(),
      topicPrefix: `kafka_${randomUUID().slice(0, 8)}_`,
      maxWaitTimeInMs: 100,
      ...options,
    });
    buses.push(bus);
    return bus;
  };
  afterAll(async () => {
    await Promise.allSettled(buses.map((b) => b.close()));
  });

  it('rejects a publish to an unreachable broker with BusUnavailableError within the ack timeout', async () => {
    const bus = open({ brokers: ['127.0.0.1:1'], ackTimeoutMs: 1500 });
    const started = Date.now();
    await expect(bus.publish('medido.measurements.v1', [{ key: 'k', value: 'v' }])).rejects.toBeInstanceOf(
      BusUnavailableError,
    );
    expect(Date.now() - started).toBeLessThan(2500);
    await expect(bus.ping()).rejects.toBeInstanceOf(BusUnavailableError);
  });

  it('creates topics under the prefix with the asked partition counts, and keeps them on a second call', async () => {
    const topicPrefix = `prefix_${randomUUID().slice(0, 8)}_`;
    const bus = open({ topicPrefix });
    await bus.ensureTopics([{ topic: 'medido.catalog.v1', partitions: 3 }]);
    await bus.ensureTopics([{ topic: 'medido.catalog.v1', partitions: 5 }]);
    const admin = new Kafka({ brokers: brokers(), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const { topics } = await admin.fetchTopicMetadata({ topics: [`${topicPrefix}medido.catalog.v1`] });
    await admin.disconnect();
    expect(topics[0]!.partitions).toHaveLength(3);
    await bus.ping();
  });

  it('splits a publish larger than one produce request and keeps its order', async () => {
    const bus = open({ maxRequestBytes: 300_000 });
    await bus.ensureTopics([{ topic: 'big', partitions: 1 }]);
    const values = Array.from({ length: 30 }, (_, i) => `${i}:`.padEnd(100_000, 'x'));
    await bus.publish(
      'big',
      values.map((value) => ({ key: 'same', value })),
    );
    const seen: IncomingRecord[] = [];
    const sub = await bus.subscribe({
      groupId: `g_${randomUUID()}`,
      topics: ['big'],
      eachBatch: async (b) => {
        seen.push(...b.records);
      },
    });
    await eventually(() => seen.length === 30, '30 records');
    await sub.stop();
    expect(seen.map((r) => r.value!.toString().split(':')[0])).toEqual(values.map((_, i) => String(i)));
  });

  it('keeps its partitions through a handler that runs longer than the session timeout', async () => {
    const bus = open({ sessionTimeoutMs: 6_000 });
    await bus.ensureTopics([{ topic: 'slow', partitions: 1 }]);
    await bus.publish('slow', [
      { key: 'k', value: 'one' },
      { key: 'k', value: 'two' },
    ]);
    const deliveries: string[][] = [];
    const sub = await bus.subscribe({
      groupId: `g_${randomUUID()}`,
      topics: ['slow'],
      eachBatch: async (b) => {
        deliveries.push(b.records.map((r) => r.value!.toString()));
        // Without heartbeats the coordinator evicts the member after 6 s, the commit fails, and the batch comes again.
        await new Promise((resolve) => setTimeout(resolve, 8_000));
      },
    });
    await eventually(async () => (await sub.lag()).slow === 0, 'the slow batch committed', 30_000);
    await sub.stop();
    expect(deliveries).toEqual([['one', 'two']]);
  }, 60_000);

  it("delivers a partition's next batches while a taken one settles, and rewinds to the first that fails", async () => {
    const bus = open({ retryBackoff: { initialMs: 50, maxMs: 200 } });
    await bus.ensureTopics([{ topic: 'taken', partitions: 1 }]);
    const delivered: string[] = [];
    const outcomes = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();
    const sub = await bus.subscribe({
      groupId: `g_${randomUUID()}`,
      topics: ['taken'],
      eachBatch: async (b) => {
        const first = b.records[0]!.value!.toString();
        delivered.push(...b.records.map((r) => r.value!.toString()));
        const settled = new Promise<void>((resolve, reject) => outcomes.set(first, { resolve, reject }));
        return { settled };
      },
    });
    await bus.publish('taken', [{ key: 'k', value: 'a' }]);
    await eventually(() => outcomes.has('a'), 'a taken');
    await bus.publish('taken', [{ key: 'k', value: 'b' }]);
    // Without the overlap b would wait for a's settle (kafkajs fetches again only when its handlers returned).
    await eventually(() => outcomes.has('b'), 'b delivered while a is still settling');
    outcomes.get('b')!.resolve(); // b settles first: still not committed, a is before it
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await sub.lag()).taken).toBe(2);
    outcomes.delete('b');
    outcomes.get('a')!.reject(new Error('the append failed'));
    await eventually(() => delivered.length >= 3, 'a delivered again');
    expect(delivered.slice(0, 3)).toEqual(['a', 'b', 'a']);
    // a comes again with b (one batch or two): each settles now.
    await eventually(async () => {
      for (const { resolve } of outcomes.values()) resolve();
      return (await sub.lag()).taken === 0;
    }, 'both committed');
    await sub.stop();
    expect(delivered.filter((v) => v === 'b').length).toBe(2);
  });

  it('acknowledges many concurrent publishes, each with all its records', async () => {
    const bus = open();
    await bus.ensureTopics([{ topic: 'many', partitions: 4 }]);
    await Promise.all(
      Array.from({ length: 100 }, (_, call) =>
        bus.publish(
          'many',
          Array.from({ length: 20 }, (_, i) => ({ key: `k${i % 7}`, value: `${call}:${i}` })),
        ),
      ),
    );
    const seen: IncomingRecord[] = [];
    const sub = await bus.subscribe({
      groupId: `g_${randomUUID()}`,
      topics: ['many'],
      eachBatch: async (b) => {
        seen.push(...b.records);
      },
    });
    await eventually(() => seen.length >= 2000, '2000 records');
    expect(await sub.lag()).toEqual({ many: 0 });
    await sub.stop();
    expect(new Set(seen.map((r) => r.value!.toString())).size).toBe(2000);
  });
});
