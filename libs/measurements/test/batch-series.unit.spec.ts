import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@medido/platform/testing/seeded-random';
import { seriesOfBatch } from '../src/batch-series.ts';
import type { StoredReading } from '../src/measurements-store.port.ts';

const reading = (deviceId: string, variable: string, ts: number, value: number): StoredReading => ({
  deviceId,
  variable,
  ts,
  value,
  quality: 'measured',
  ingestedAt: 1,
});

/** The definition, written the obvious way: one entry per (device, variable, ts), the last value, first position. */
function reference(readings: StoredReading[]) {
  const unique = [...new Map(readings.map((r) => [JSON.stringify([r.deviceId, r.variable, r.ts]), r])).values()];
  const ranges = new Map<string, { deviceId: string; variable: string; first: number; last: number }>();
  for (const r of unique) {
    const key = JSON.stringify([r.deviceId, r.variable]);
    const range = ranges.get(key) ?? { deviceId: r.deviceId, variable: r.variable, first: r.ts, last: r.ts };
    ranges.set(key, { ...range, first: Math.min(range.first, r.ts), last: Math.max(range.last, r.ts) });
  }
  return { unique, ranges: [...ranges.values()] };
}

describe('a write batch by series', () => {
  it('keeps the last of a re-sent reading, in the place of the first', () => {
    const batch = [reading('m1', 'e', 10, 1), reading('m1', 'e', 20, 2), reading('m1', 'e', 10, 3)];
    expect(seriesOfBatch(batch)).toEqual({
      unique: [batch[2], batch[1]],
      ranges: [{ deviceId: 'm1', variable: 'e', first: 10, last: 20 }],
    });
  });

  it('tells series apart whose names would run together', () => {
    const { ranges } = seriesOfBatch([reading('m1', 'e_x', 10, 1), reading('m1e', '_x', 10, 2)]);
    expect(ranges).toHaveLength(2);
  });

  it('equals the definition on shuffled, repeated, late readings of many series', () => {
    const next = mulberry32(7);
    for (let round = 0; round < 300; round++) {
      const batch = Array.from({ length: 1 + Math.floor(next() * 200) }, () =>
        reading(`m${Math.floor(next() * 4)}`, next() < 0.5 ? 'e' : 'p', Math.floor(next() * 30) * 900_000, next()),
      );
      // Half the rounds mostly in ts order, as pipelines send them.
      if (round % 2 === 0) batch.sort((a, b) => a.ts - b.ts || (next() < 0.5 ? -1 : 1));
      expect(seriesOfBatch(batch)).toEqual(reference(batch));
    }
  });
});
