import type { RawPoint } from '@medido/measurements';
import type { BucketGrid } from './bucket-grid.ts';
import { bucketCount } from './bucket-grid.ts';
import type { EmittedBucket } from './fill.ts';
import type { SeriesData } from './series-fetcher.ts';
import type { OutputSeries } from './series-plan.ts';

/** Where a page starts: series index in the plan and the first point time (bucket start or reading ts) to emit. */
export interface PagePosition {
  series: number;
  time: number;
}

export interface PageSegment {
  series: number;
  data: SeriesData;
}
/** One page of a measurements answer: the series segments it holds and where the next page starts. */
export interface MeasurementsPage {
  segments: PageSegment[];
  next: PagePosition | null;
}

/** Readings per series assumed when sizing a raw batch: one every 15 minutes, the common meter interval. */
const RAW_INTERVAL_ESTIMATE_MS = 900_000;
/** Stored series per engine query: keeps queries and their parameter arrays bounded. */
const MAX_MEMBERS_PER_QUERY = 500;

function pointTime(p: EmittedBucket | RawPoint, grid: BucketGrid | null): number {
  return 'ts' in p ? p.ts : grid!.buckets.edges[p.i]!;
}

/**
 * Walks the answer — series in plan order, points in time order — from `start`, and stops after `limit`
 * points; the next page resumes at the first point not sent. Series are fetched in batches sized by the
 * points they can hold (a series with no point in the window costs nothing and still appears, empty, on
 * the page that reaches it). The same walk always yields the same sequence, so consecutive pages
 * neither skip nor repeat a point.
 */
export async function readPage(
  plan: OutputSeries[],
  start: PagePosition,
  limit: number,
  grid: BucketGrid | null,
  from: number,
  to: number,
  fetch: (batch: OutputSeries[]) => Promise<SeriesData[]>,
): Promise<MeasurementsPage> {
  const perSeriesEstimate = (s: OutputSeries) =>
    grid ? bucketCount(grid) : Math.ceil((to - from) / RAW_INTERVAL_ESTIMATE_MS) * s.members.length;
  const segments: PageSegment[] = [];
  let budget = limit;
  let index = start.series;
  let resumeAt = start.time;
  while (index < plan.length) {
    // Size the next batch to the remaining budget plus one series (at least one series): a grid estimate is
    // an upper bound (a bucket without data has no point), and a page that came up a few points short
    // would fetch one more series on its own, with every lookup and statement of a fetch again.
    let end = index;
    let estimate = 0;
    let members = 0;
    do {
      estimate += perSeriesEstimate(plan[end]!);
      members += plan[end]!.members.length;
      end += 1;
    } while (
      end < plan.length &&
      estimate < budget + perSeriesEstimate(plan[end]!) &&
      members + plan[end]!.members.length <= MAX_MEMBERS_PER_QUERY
    );
    const batch = await fetch(plan.slice(index, end));
    for (let k = 0; k < batch.length; k++, index++) {
      const data = batch[k]!;
      const all = data.points as (EmittedBucket | RawPoint)[];
      const first = resumeAt > from ? all.findIndex((p) => pointTime(p, grid) >= resumeAt) : 0;
      const remaining = first < 0 ? [] : first === 0 ? all : all.slice(first);
      resumeAt = from;
      if (remaining.length > budget) {
        segments.push({ series: index, data: { ...data, points: remaining.slice(0, budget) as SeriesData['points'] } });
        return { segments, next: { series: index, time: pointTime(remaining[budget]!, grid) } };
      }
      segments.push({ series: index, data: { ...data, points: remaining as SeriesData['points'] } });
      budget -= remaining.length;
      if (budget === 0 && index + 1 < plan.length) return { segments, next: { series: index + 1, time: from } };
    }
  }
  return { segments, next: null };
}
