import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { EmbeddedEventBus } from '../src/index.ts';
import { eventually } from '@medido/platform/testing/eventually';

let dir: string;
let bus: EmbeddedEventBus;
afterEach(async () => {
  await bus.close();
  rmSync(dir, { recursive: true, force: true });
});

it('cuts batches at maxBatchBytes of record values, a larger record being a batch of its own', async () => {
  dir = mkdtempSync(join(tmpdir(), 'medido-bus-'));
  bus = new EmbeddedEventBus({ path: join(dir, 'bus.sqlite'), maxBatchRecords: 500, maxBatchBytes: 250_000 });
  await bus.ensureTopics([{ topic: 't', partitions: 1 }]);
  const value = (kB: number) => 'x'.repeat(kB * 1000);
  await bus.publish('t', [
    ...Array.from({ length: 6 }, () => ({ key: 'k', value: value(100) })),
    { key: 'k', value: value(600) },
    { key: 'k', value: value(1) },
  ]);
  const sizes: number[] = [];
  const sub = await bus.subscribe({
    groupId: 'g',
    topics: ['t'],
    eachBatch: async (batch) => {
      sizes.push(batch.records.length);
    },
  });
  await eventually(async () => (await sub.lag()).t === 0, 'every record consumed', 10_000);
  await sub.stop();
  // 3 × 100 kB reach 250 kB; the 600 kB record alone is over the budget and still delivered.
  expect(sizes).toEqual([3, 3, 1, 1]);
});
