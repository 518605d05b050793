import { describe, expect, it } from 'vitest';
import { bucketGrid } from '../src/measurements/bucket-grid.ts';
import type { EmittedBucket } from '../src/measurements/fill.ts';
import { readPage, type PagePosition } from '../src/measurements/paging.ts';
import type { SeriesData } from '../src/measurements/series-fetcher.ts';
import type { OutputSeries } from '../src/measurements/series-plan.ts';

const FROM = Date.parse('2026-01-01T00:00:00Z');
const TO = Date.parse('2026-01-31T00:00:00Z');
const grid = bucketGrid(FROM, TO, '15m', 'UTC'); // 2 880 buckets per series
const series = (n: number): OutputSeries => ({
  group: { deviceId: `m-${n}`, unitId: null },
  name: 'active_energy_import',
  unit: 'kWh',
  kind: 'cumulative',
  aggregation: 'delta',
  decimals: 3,
  members: [{ deviceId: `m-${n}`, variable: 'active_energy_import', aggregation: 'delta', intervalMs: 900_000 }],
});
const plan = Array.from({ length: 101 }, (_, n) => series(n));
/** Like a month of real meters: every bucket but the first 30 has a point (delta needs a reading before). */
const data = (): SeriesData => ({
  points: Array.from({ length: 2_850 }, (_, k): EmittedBucket => ({
    i: k + 30,
    value: 1,
    count: 1,
    estimated: 0,
    substituted: 0,
  })),
  lastIngestedAt: null,
  expected: null,
});

describe('a page fetches its series in one batch', () => {
  it('reads 287 850 points in pages of 100 000 with one store fetch per page, none skipped or repeated', async () => {
    const fetches: number[] = [];
    const seen: string[] = [];
    let start: PagePosition | null = { series: 0, time: FROM };
    while (start) {
      const page = await readPage(plan, start, 100_000, grid, FROM, TO, async (batch) => {
        fetches.push(batch.length);
        return batch.map(data);
      });
      for (const segment of page.segments)
        for (const p of segment.data.points as EmittedBucket[]) seen.push(`${segment.series}:${p.i}`);
      start = page.next;
    }
    expect(seen).toHaveLength(101 * 2_850);
    expect(new Set(seen).size).toBe(seen.length);
    // Estimates (2 880 a series) overshoot the points (2 850): one fetch per page, not a second for one series.
    expect(fetches).toHaveLength(3);
  });
});
