import { randomUUID } from 'node:crypto';
import { eventually } from '@medido/platform/testing/eventually';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventBus, IncomingRecord, RecordBatch, SubscribeOptions, Subscription } from '../event-bus.port.ts';
import { partitionForKey } from '../key-partitioner.ts';

/** Opens buses that share storage, like processes of one deployment (same brokers and prefix, same file). */
export interface EventBusHarness {
  open(): Promise<EventBus>;
  dispose?(): Promise<void>;
}

const unique = (prefix: string) => `${prefix}_${randomUUID().slice(0, 8)}`;
const text = (r: IncomingRecord) => r.value?.toString() ?? '';

/**
 * The behaviour every EventBus adapter must have. Adapters should be opened with a short retry
 * backoff (tens of milliseconds) so the retry test stays fast.
 */
export function describeEventBusContract(
  name: string,
  createHarness: () => EventBusHarness | Promise<EventBusHarness>,
): void {
  describe(`EventBus contract: ${name}`, () => {
    let harness: EventBusHarness;
    const buses: EventBus[] = [];
    const subscriptions: Subscription[] = [];
    beforeAll(async () => {
      harness = await createHarness();
    });
    afterEach(async () => {
      await Promise.allSettled(subscriptions.splice(0).map((s) => s.stop()));
      await Promise.allSettled(buses.splice(0).map((b) => b.close()));
    });
    afterAll(async () => {
      await harness.dispose?.();
    });

    async function openBus(topics: { topic: string; partitions: number }[] = []): Promise<EventBus> {
      const bus = await harness.open();
      buses.push(bus);
      if (topics.length) await bus.ensureTopics(topics);
      return bus;
    }
    async function subscribe(
      bus: EventBus,
      options: Omit<SubscribeOptions, 'eachBatch'> & Partial<Pick<SubscribeOptions, 'eachBatch'>>,
    ) {
      const seen: IncomingRecord[] = [];
      const subscription = await bus.subscribe({
        eachBatch: async (batch) => {
          seen.push(...batch.records);
        },
        ...options,
      });
      subscriptions.push(subscription);
      return { subscription, seen };
    }

    it('delivers published records with their key, value, headers, topic and partition', async () => {
      const topic = unique('roundtrip');
      const bus = await openBus([{ topic, partitions: 2 }]);
      const before = Date.now();
      await bus.publish(topic, [
        {
          key: 'dev-1',
          value: '{"n":1}',
          headers: { 'ce-type': 'MeasurementsRecorded', 'medido-request-id': 'req-1' },
        },
        { key: 'dev-2', value: Buffer.from([0, 1, 2, 255]) },
      ]);
      const { seen } = await subscribe(bus, { groupId: unique('g'), topics: [topic] });
      await bus.publish(topic, [{ key: 'dev-1', value: '{"n":2}' }]);
      await eventually(() => seen.length === 3, '3 records');

      const dev1 = seen.filter((r) => r.key?.toString() === 'dev-1');
      expect(dev1.map(text)).toEqual(['{"n":1}', '{"n":2}']);
      expect(dev1.map((r) => [r.topic, r.partition])).toEqual([
        [topic, partitionForKey('dev-1', 2)],
        [topic, partitionForKey('dev-1', 2)],
      ]);
      expect(Number(dev1[1]!.offset)).toBe(Number(dev1[0]!.offset) + 1);
      expect(dev1[0]!.headers['ce-type']?.toString()).toBe('MeasurementsRecorded');
      expect(dev1[0]!.headers['medido-request-id']?.toString()).toBe('req-1');
      expect(Object.keys(dev1[1]!.headers)).toEqual([]);
      const dev2 = seen.find((r) => r.key?.toString() === 'dev-2')!;
      expect(dev2.value).toEqual(Buffer.from([0, 1, 2, 255]));
      expect(dev2.partition).toBe(partitionForKey('dev-2', 2));
      expect(dev2.timestamp).toBeGreaterThanOrEqual(before - 1000);
      expect(dev2.timestamp).toBeLessThanOrEqual(Date.now() + 1000);
    });

    it('keeps the order of records with the same key across many publishes', async () => {
      const topic = unique('order');
      const bus = await openBus([{ topic, partitions: 3 }]);
      const keys = ['a', 'b', 'c', 'd', 'e', 'f'];
      const sent = new Map(keys.map((k) => [k, 0]));
      for (let call = 0; call < 10; call++) {
        await bus.publish(
          topic,
          Array.from({ length: 30 }, (_, i) => {
            const key = keys[(i * 7 + call) % keys.length]!;
            const n = sent.get(key)!;
            sent.set(key, n + 1);
            return { key, value: `${key}:${n}` };
          }),
        );
      }
      const { seen } = await subscribe(bus, { groupId: unique('g'), topics: [topic], concurrency: 3 });
      await eventually(() => seen.length === 300, '300 records');
      for (const key of keys) {
        const records = seen.filter((r) => r.key?.toString() === key);
        expect(records.map(text)).toEqual(Array.from({ length: sent.get(key)! }, (_, n) => `${key}:${n}`));
        expect(new Set(records.map((r) => r.partition))).toEqual(new Set([partitionForKey(key, 3)]));
      }
    });

    it('re-delivers the same batch while the handler fails, then commits it once', async () => {
      const topic = unique('retry');
      const bus = await openBus([{ topic, partitions: 1 }]);
      const values = Array.from({ length: 10 }, (_, i) => `r${i}`);
      await bus.publish(
        topic,
        values.map((value) => ({ key: 'k', value })),
      );
      let failuresLeft = 2;
      const failedFirstOffsets: string[] = [];
      const attempts: number[] = [];
      const committed: IncomingRecord[] = [];
      const sub = await bus.subscribe({
        groupId: unique('g'),
        topics: [topic],
        eachBatch: async (batch: RecordBatch) => {
          if (failuresLeft > 0) {
            failuresLeft--;
            failedFirstOffsets.push(batch.firstOffset);
            throw new Error('read model unavailable');
          }
          committed.push(...batch.records);
        },
        onRetry: (_error, _batch, attempt) => attempts.push(attempt),
      });
      subscriptions.push(sub);
      await eventually(() => committed.length >= 10, '10 committed records');
      expect(failedFirstOffsets).toEqual(['0', '0']);
      expect(attempts).toEqual([1, 2]);
      expect(committed.map(text)).toEqual(values);
      expect(committed[0]!.offset).toBe('0');
      await eventually(async () => (await sub.lag())[topic] === 0, 'lag 0');
    });

    it("counts a partition's consecutive failures in onRetry, starting again after a success", async () => {
      const topic = unique('attempts');
      const bus = await openBus([{ topic, partitions: 1 }]);
      await bus.publish(topic, [{ key: 'k', value: 'a' }]);
      const failures = new Map([
        ['a', 2],
        ['b', 1],
      ]);
      const attempts: [string, number][] = [];
      const committed: string[] = [];
      subscriptions.push(
        await bus.subscribe({
          groupId: unique('g'),
          topics: [topic],
          eachBatch: async (batch: RecordBatch) => {
            const first = text(batch.records[0]!);
            const left = failures.get(first) ?? 0;
            if (left > 0) {
              failures.set(first, left - 1);
              throw new Error('read model unavailable');
            }
            committed.push(...batch.records.map(text));
          },
          onRetry: (_error, batch, attempt) => attempts.push([batch.firstOffset, attempt]),
        }),
      );
      await eventually(() => committed.length === 1, 'the first record committed');
      await bus.publish(topic, [{ key: 'k', value: 'b' }]);
      await eventually(() => committed.length === 2, 'the second record committed');
      expect(attempts).toEqual([
        ['0', 1],
        ['0', 2],
        ['1', 1],
      ]);
    });

    it('resumes a group after its committed offset, in a new process', async () => {
      const topic = unique('resume');
      const groupId = unique('g');
      const first = await openBus([{ topic, partitions: 1 }]);
      await first.publish(
        topic,
        ['m0', 'm1', 'm2', 'm3', 'm4'].map((value) => ({ key: 'k', value })),
      );
      const one = await subscribe(first, { groupId, topics: [topic] });
      await eventually(() => one.seen.length === 5, '5 records');
      await eventually(async () => (await one.subscription.lag())[topic] === 0, 'lag 0');
      await one.subscription.stop();
      await first.close();

      const second = await openBus();
      await second.publish(
        topic,
        ['m5', 'm6', 'm7'].map((value) => ({ key: 'k', value })),
      );
      const two = await subscribe(second, { groupId, topics: [topic] });
      await eventually(() => two.seen.length >= 3, '3 records');
      // Old records would come first (one partition, in order): seeing exactly m5..m7 proves none was re-read.
      expect(two.seen.map(text)).toEqual(['m5', 'm6', 'm7']);
    });

    it('gives every consumer group every record', async () => {
      const topic = unique('groups');
      const bus = await openBus([{ topic, partitions: 2 }]);
      const values = Array.from({ length: 20 }, (_, i) => `v${String(i).padStart(2, '0')}`);
      await bus.publish(
        topic,
        values.map((value, i) => ({ key: `k${i % 5}`, value })),
      );
      const one = await subscribe(bus, { groupId: unique('g1'), topics: [topic] });
      const two = await subscribe(bus, { groupId: unique('g2'), topics: [topic] });
      await eventually(() => one.seen.length === 20 && two.seen.length === 20, '20 records in each group');
      expect(one.seen.map(text).sort()).toEqual(values);
      expect(two.seen.map(text).sort()).toEqual(values);
    });

    it('reports uncommitted records as lag, per topic', async () => {
      const a = unique('lag_a');
      const b = unique('lag_b');
      const bus = await openBus([
        { topic: a, partitions: 2 },
        { topic: b, partitions: 1 },
      ]);
      await bus.publish(
        a,
        ['x', 'y', 'z', 'w'].map((value, i) => ({ key: `k${i}`, value })),
      );
      await bus.publish(b, [
        { key: 'k', value: '1' },
        { key: 'k', value: '2' },
      ]);
      let release!: () => void;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      let calls = 0;
      const sub = await bus.subscribe({
        groupId: unique('g'),
        topics: [a, b],
        eachBatch: async () => {
          calls++;
          await released;
        },
      });
      subscriptions.push(sub);
      await eventually(() => calls > 0, 'the handler to start');
      expect(await sub.lag()).toEqual({ [a]: 4, [b]: 2 });
      release();
      await eventually(async () => JSON.stringify(await sub.lag()) === JSON.stringify({ [a]: 0, [b]: 0 }), 'lag 0');
    });

    it('commits a taken batch once it settled, and delivers a rejected one again', async () => {
      const topic = unique('taken');
      const bus = await openBus([{ topic, partitions: 1 }]);
      let settle!: (outcome: 'ok' | 'failed') => void;
      const delivered: string[] = [];
      const attempts: number[] = [];
      const sub = await bus.subscribe({
        groupId: unique('g'),
        topics: [topic],
        eachBatch: async (batch: RecordBatch) => {
          delivered.push(...batch.records.map(text));
          const settled = new Promise<void>((resolve, reject) => {
            settle = (outcome) => (outcome === 'ok' ? resolve() : reject(new Error('the append failed')));
          });
          return { settled };
        },
        onRetry: (_error, _batch, attempt) => attempts.push(attempt),
      });
      subscriptions.push(sub);
      await bus.publish(topic, [{ key: 'k', value: 'one' }]);
      await eventually(() => delivered.length === 1, 'the batch to be taken');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await sub.lag())[topic]).toBe(1);
      settle('failed');
      await eventually(() => delivered.length === 2, 'the rejected batch to come again');
      expect(delivered).toEqual(['one', 'one']);
      expect(attempts).toEqual([1]);
      expect((await sub.lag())[topic]).toBe(1);
      settle('ok');
      await eventually(async () => (await sub.lag())[topic] === 0, 'the settled batch committed');
      expect(delivered).toEqual(['one', 'one']);
    });

    it('refuses to publish to a topic that was never created', async () => {
      const bus = await openBus();
      await expect(bus.publish(unique('missing'), [{ key: 'k', value: 'v' }])).rejects.toThrow(/does not exist/);
    });
  });
}
