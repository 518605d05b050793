import { Partitioners } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { backoffDelay, partitionForKey } from '../src/index.ts';

describe('partitionForKey', () => {
  it("puts every key on the partition Kafka's default partitioner picks", () => {
    const kafka = Partitioners.DefaultPartitioner();
    for (const partitions of [1, 2, 3, 8, 13]) {
      const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
        partitionId,
        leader: 1,
        partitionErrorCode: 0,
        replicas: [1],
        isr: [1],
      }));
      for (let i = 0; i < 500; i++) {
        const key = i % 2 ? `dev-${i}` : `inst-${'x'.repeat(i % 7)}-${i}-ñ`;
        expect(partitionForKey(key, partitions)).toBe(
          kafka({ topic: 't', partitionMetadata, message: { key, value: null } }),
        );
      }
    }
  });
});

describe('backoffDelay', () => {
  it('doubles from the initial delay, stays under the cap and jitters within the upper half', () => {
    const options = { initialMs: 100, maxMs: 1000 };
    expect([1, 2, 3, 4, 5, 10].map((a) => backoffDelay(a, options, () => 1))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect([1, 2, 3, 4, 5, 10].map((a) => backoffDelay(a, options, () => 0))).toEqual([50, 100, 200, 400, 500, 500]);
  });
});
