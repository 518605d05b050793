import type { StoredReading } from '@medido/measurements';
import { describe, expect, it } from 'vitest';
import { coalescingStore, jointToken } from '../src/write-coalescer.ts';
import { fakeMeasurements } from './fakes.ts';

const rows = (deviceId: string, n: number): StoredReading[] =>
  Array.from({ length: n }, (_, i) => ({
    deviceId,
    variable: 'v',
    ts: i,
    value: i,
    quality: 'measured',
    ingestedAt: 1,
  }));

describe('coalescing store writes', () => {
  it('writes the batches handed over together in one write, with a token that does not depend on their order', async () => {
    const inner = fakeMeasurements();
    const store = coalescingStore(inner);
    await Promise.all([
      store.insert(rows('a', 2), 't/0/0-1'),
      store.insert(rows('b', 3), 't/1/5-7'),
      store.insert(rows('c', 1), 't/2/9-9'),
    ]);
    expect(inner.inserts).toHaveLength(1);
    expect(inner.inserts[0]!.rows.map((r) => r.deviceId)).toEqual(['a', 'a', 'b', 'b', 'b', 'c']);
    expect(inner.inserts[0]!.token).toBe(jointToken(['t/2/9-9', 't/0/0-1', 't/1/5-7']));
    expect(inner.inserts[0]!.token).toMatch(/^joint\/3\/[\w-]{43}$/);
  });

  it('writes a batch alone, under its own token, when nothing else is waiting', async () => {
    const inner = fakeMeasurements();
    await coalescingStore(inner).insert(rows('a', 2), 't/0/0-1');
    expect(inner.inserts.map((i) => i.token)).toEqual(['t/0/0-1']);
  });

  it('groups the batches that arrive while a write runs into the next write', async () => {
    const inner = fakeMeasurements();
    let release!: () => void;
    const first = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = {
      ...inner,
      async insert(r: StoredReading[], token: string) {
        if (token === 't/0/0-0') await first;
        await inner.insert(r, token);
      },
    };
    const store = coalescingStore(slow);
    const writes = [store.insert(rows('a', 1), 't/0/0-0')];
    await new Promise((resolve) => setImmediate(resolve));
    writes.push(store.insert(rows('b', 1), 't/1/0-0'), store.insert(rows('c', 1), 't/2/0-0'));
    release();
    await Promise.all(writes);
    expect(inner.inserts.map((i) => i.rows.map((r) => r.deviceId))).toEqual([['a'], ['b', 'c']]);
  });

  it('keeps groups under maxRows', async () => {
    const inner = fakeMeasurements();
    const store = coalescingStore(inner, { maxRows: 4 });
    await Promise.all([
      store.insert(rows('a', 3), 'a'),
      store.insert(rows('b', 1), 'b'),
      store.insert(rows('c', 2), 'c'),
    ]);
    expect(inner.inserts.map((i) => i.rows.length)).toEqual([4, 2]);
  });

  it('retries a failed joint write batch by batch, so only the batch the store refuses fails', async () => {
    const inner = fakeMeasurements();
    const picky = {
      ...inner,
      async insert(r: StoredReading[], token: string) {
        if (r.some((x) => x.deviceId === 'bad')) throw new Error(`refused ${token}`);
        await inner.insert(r, token);
      },
    };
    const store = coalescingStore(picky);
    const results = await Promise.allSettled([
      store.insert(rows('a', 1), 'ta'),
      store.insert(rows('bad', 1), 'tbad'),
      store.insert(rows('c', 1), 'tc'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('refused tbad'));
    expect(inner.inserts.map((i) => i.token)).toEqual(['ta', 'tc']);
  });

  it("passes a lone batch's failure to its caller", async () => {
    const failing = {
      ...fakeMeasurements(),
      async insert() {
        throw new Error('ClickHouse is down');
      },
    };
    await expect(coalescingStore(failing).insert(rows('a', 1), 'ta')).rejects.toThrow('ClickHouse is down');
  });
});
