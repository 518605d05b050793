import type { BucketPoint, MeasurementsQuery, MeasurementsStore, RawPoint, SeriesRequest, SeriesResult } from '@medido/measurements';
import { answerDecimals, roundTo } from '@medido/measurements/decimals';
import type { Fill } from '../schemas/measurements.schema.ts';
import type { BucketGrid } from './bucket-grid.ts';
import { cellsOnGrid, firstLastCells, type Cells } from './combine.ts';
import { fillBuckets, type EmittedBucket } from './fill.ts';
import type { OutputSeries } from './series-plan.ts';

/** A series of the answer with all its points over the whole window, in time order. */
export interface SeriesData { points: EmittedBucket[] | RawPoint[]; lastIngestedAt: number | null }

export interface FetchContext {
  store: Pick<MeasurementsStore, 'query'>;
  from: number;
  to: number;
  timezone: string;
  fill: Fill;
  /** null for frequency=raw. */
  grid: BucketGrid | null;
  frequency: MeasurementsQuery['frequency'];
}

const key = (deviceId: string, variable: string, aggregation: string) => `${deviceId}\u0000${variable}\u0000${aggregation}`;

function groupedFirstLast(s: OutputSeries): s is OutputSeries & { aggregation: 'first' | 'last' } {
  return (s.aggregation === 'first' || s.aggregation === 'last') && !('deviceId' in s.group);
}

async function query(ctx: FetchContext, frequency: MeasurementsQuery['frequency'], series: SeriesRequest[]): Promise<Map<string, SeriesResult>> {
  if (series.length === 0) return new Map();
  // Empty buckets stay out (fill none): filling happens after combining meters, where a group's bucket is
  // empty only if every meter's is; filling each meter first would add invented values into the sums.
  const results = await ctx.store.query({ series, from: ctx.from, to: ctx.to, frequency, timezone: ctx.timezone, fill: 'none' });
  return new Map(results.map((r) => [key(r.deviceId, r.variable, frequency === 'raw' ? 'raw' : r.aggregation), r]));
}

function roundCells(cells: Cells, decimals: number): void {
  for (const c of cells) if (c) c.value = roundTo(c.value, decimals);
}

function latest(values: (number | null | undefined)[]): number | null {
  let max: number | null = null;
  for (const v of values) if (typeof v === 'number' && (max === null || v > max)) max = v;
  return max;
}

/**
 * Reads a batch of answer series over the whole window: one store query for the bucketed members and,
 * for first/last across meters, one for their readings. Every series is always computed over the whole
 * window (never from a page's resume point), so a page's numbers cannot depend on where pages split.
 */
export async function fetchSeries(ctx: FetchContext, batch: OutputSeries[]): Promise<SeriesData[]> {
  const bucketed: SeriesRequest[] = [];
  const readings: SeriesRequest[] = [];
  for (const [n, s] of batch.entries()) {
    const target = ctx.grid && !groupedFirstLast(s) ? bucketed : readings;
    // Meters of a group are added up by the engine (rows out ≈ points answered); first/last need reading times.
    const group = target === bucketed && s.members.length > 1 ? String(n) : undefined;
    for (const m of s.members) target.push({ deviceId: m.deviceId, variable: m.variable, kind: s.kind, aggregation: m.aggregation, group });
  }
  const [buckets, raw] = await Promise.all([
    query(ctx, ctx.frequency, bucketed),
    query(ctx, 'raw', readings),
  ]);

  return batch.map((s) => {
    const grid = ctx.grid;
    if (!grid) {
      const r = raw.get(key(s.members[0]!.deviceId, s.members[0]!.variable, 'raw'));
      const points = ((r?.points ?? []) as RawPoint[]).filter((p) => p.ts >= ctx.from && p.ts < ctx.to).sort((a, b) => a.ts - b.ts);
      return { points, lastIngestedAt: r?.lastIngestedAt ?? null };
    }
    if (groupedFirstLast(s)) {
      const results = s.members.map((m) => raw.get(key(m.deviceId, m.variable, 'raw')));
      const cells = firstLastCells(s.aggregation, results.map((r) => (r?.points ?? []) as RawPoint[]), grid);
      return { points: fillBuckets(cells, ctx.fill), lastIngestedAt: latest(results.map((r) => r?.lastIngestedAt)) };
    }
    // One result per series: a group's comes under its first member.
    const first = s.members[0]!;
    const result = buckets.get(key(first.deviceId, first.variable, first.aggregation));
    const cells = cellsOnGrid((result?.points ?? []) as BucketPoint[], grid);
    // The engine's Float64 sums carry binary noise; the answer has the register's decimals.
    roundCells(cells, answerDecimals(s.aggregation!, s.decimals));
    return { points: fillBuckets(cells, ctx.fill), lastIngestedAt: result?.lastIngestedAt ?? null };
  });
}
