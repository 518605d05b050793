import type {
  Aggregation,
  BucketPoint,
  MeasurementsQuery,
  MeasurementsStore,
  RawPoint,
  SeriesRequest,
  SeriesResult,
} from '@medido/measurements';
import { answerDecimals, roundTo } from '@medido/measurements';
import type { Fill } from '../schemas/measurements.schema.ts';
import type { BucketGrid } from './bucket-grid.ts';
import { cellsOnGrid, firstLastCells, type Cells } from './combine.ts';
import { coverage, expectedReadings } from './completeness.ts';
import { fillBuckets, type EmittedBucket } from './fill.ts';
import type { OutputSeries } from './series-plan.ts';

/**
 * A series of the answer with all its points over the whole window, in time order; `expected`: readings
 * per grid bucket its registers' intervals imply (null when unknown, or for raw).
 */
export interface SeriesData {
  points: EmittedBucket[] | RawPoint[];
  lastIngestedAt: number | null;
  expected: Int32Array | null;
}

export interface FetchContext {
  store: Pick<MeasurementsStore, 'query'>;
  from: number;
  to: number;
  timezone: string;
  fill: Fill;
  /** null for frequency=raw. */
  grid: BucketGrid | null;
  frequency: MeasurementsQuery['frequency'];
  /** Buckets whose coverage is below it (or unknown) are empty; null = keep every bucket. */
  minCoverage: number | null;
}

const key = (deviceId: string, variable: string, aggregation: string) =>
  `${deviceId}\u0000${variable}\u0000${aggregation}`;

const fromReadings = (a: Aggregation) => a === 'first' || a === 'last';
/** The series' aggregations: the one asked, or the several. */
const asked = (s: OutputSeries): Aggregation[] => s.aggregations ?? [s.aggregation!];
/** first/last across meters need reading times: they are taken from the readings, in the API. */
const grouped = (s: OutputSeries) => !('deviceId' in s.group);
const readingsFor = (s: OutputSeries) => (grouped(s) ? asked(s).filter(fromReadings) : []);
const engineFor = (s: OutputSeries) => (grouped(s) ? asked(s).filter((a) => !fromReadings(a)) : asked(s));

async function query(
  ctx: FetchContext,
  frequency: MeasurementsQuery['frequency'],
  series: SeriesRequest[],
): Promise<Map<string, SeriesResult>> {
  if (series.length === 0) return new Map();
  // The store answers buckets with data only: filling happens here, after combining meters, where a
  // group's bucket is empty only if every meter's is (filling each meter first would invent values).
  const results = await ctx.store.query({
    series,
    from: ctx.from,
    to: ctx.to,
    frequency,
    timezone: ctx.timezone,
    ...(frequency !== 'raw' && ctx.grid ? { buckets: ctx.grid.buckets } : {}),
  });
  return new Map(results.map((r) => [key(r.deviceId, r.variable, frequency === 'raw' ? 'raw' : r.aggregation), r]));
}

function roundCells(cells: Cells, aggregations: Aggregation[], declared: number): void {
  const decimals = aggregations.map((a) => answerDecimals(a, declared));
  for (const c of cells) {
    if (!c) continue;
    if (c.value !== null) c.value = roundTo(c.value, decimals[0]!);
    if (c.values) c.values = c.values.map((v, k) => (v === null ? v : roundTo(v, decimals[k]!)));
  }
}

/**
 * A grouped series with several aggregations, some taken from the readings (first/last): each bucket's
 * values come from where they were computed; count and qualities are of the readings (never increases,
 * since not every aggregation is delta).
 */
function mergeCells(
  aggregations: Aggregation[],
  engine: Aggregation[],
  engineCells: Cells | null,
  readingCells: Map<Aggregation, Cells>,
): Cells {
  const first = [...readingCells.values()][0]!;
  const out: Cells = new Array(first.length);
  for (let i = 0; i < out.length; i++) {
    const e = engineCells?.[i];
    const r = first[i];
    if (!e && !r) continue;
    const values = aggregations.map((a) => {
      if (fromReadings(a)) return readingCells.get(a)![i]?.value ?? null;
      return e ? ((e.values ?? [e.value])[engine.indexOf(a)] ?? null) : null;
    });
    out[i] = {
      value: values[0]!,
      count: r?.count ?? 0,
      estimated: r?.estimated ?? 0,
      substituted: r?.substituted ?? 0,
      values,
    };
  }
  return out;
}

/** minCoverage: a bucket below it, or of unknown coverage, is empty (fill then treats it as such). */
function dropBelow(cells: Cells, expected: Int32Array | null, min: number | null): void {
  if (min === null) return;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c && !(expected && (coverage(c.count, expected[i]!) ?? 0) >= min)) cells[i] = undefined;
  }
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
    if (!ctx.grid) {
      for (const m of s.members)
        readings.push({ deviceId: m.deviceId, variable: m.variable, kind: s.kind, aggregation: m.aggregation });
      continue;
    }
    const engine = engineFor(s);
    // Meters of a group are added up by the engine (rows out ≈ points answered); first/last need reading times.
    const group = s.members.length > 1 ? String(n) : undefined;
    if (engine.length > 0) {
      for (const m of s.members) {
        bucketed.push({
          deviceId: m.deviceId,
          variable: m.variable,
          kind: s.kind,
          aggregation: engine[0]!,
          ...(s.aggregations ? { aggregations: engine } : {}),
          group,
        });
      }
    }
    if (readingsFor(s).length > 0)
      for (const m of s.members)
        readings.push({ deviceId: m.deviceId, variable: m.variable, kind: s.kind, aggregation: 'last' });
  }
  const [buckets, raw] = await Promise.all([query(ctx, ctx.frequency, bucketed), query(ctx, 'raw', readings)]);

  return batch.map((s) => {
    const grid = ctx.grid;
    if (!grid) {
      const r = raw.get(key(s.members[0]!.deviceId, s.members[0]!.variable, 'raw'));
      const points = ((r?.points ?? []) as RawPoint[])
        .filter((p) => p.ts >= ctx.from && p.ts < ctx.to)
        .sort((a, b) => a.ts - b.ts);
      return { points, lastIngestedAt: r?.lastIngestedAt ?? null, expected: null };
    }
    const aggregations = asked(s);
    const engine = engineFor(s);
    const expected = expectedReadings(
      grid,
      s.members.map((m) => m.intervalMs),
    );
    // One result per series: a group's comes under its first member.
    const first = s.members[0]!;
    const result = engine.length > 0 ? buckets.get(key(first.deviceId, first.variable, engine[0]!)) : undefined;
    const engineCells = engine.length > 0 ? cellsOnGrid((result?.points ?? []) as BucketPoint[], grid) : null;
    const fromRaw = readingsFor(s);
    let cells: Cells;
    let lastIngestedAt = result?.lastIngestedAt ?? null;
    if (fromRaw.length === 0) cells = engineCells!;
    else {
      const results = s.members.map((m) => raw.get(key(m.deviceId, m.variable, 'raw')));
      const readingCells = new Map(
        fromRaw.map((a) => [
          a,
          firstLastCells(
            a as 'first' | 'last',
            results.map((r) => (r?.points ?? []) as RawPoint[]),
            grid,
          ),
        ]),
      );
      cells = s.aggregations
        ? mergeCells(aggregations, engine, engineCells, readingCells)
        : readingCells.get(fromRaw[0]!)!;
      lastIngestedAt = latest([lastIngestedAt, ...results.map((r) => r?.lastIngestedAt)]);
    }
    // The engine's Float64 sums carry binary noise; the answer has the register's decimals.
    roundCells(cells, aggregations, s.decimals);
    dropBelow(cells, expected, ctx.minCoverage);
    return { points: fillBuckets(cells, ctx.fill, s.aggregations?.length ?? 0), lastIngestedAt, expected };
  });
}
