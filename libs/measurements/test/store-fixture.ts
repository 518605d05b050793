import { expect, inject } from 'vitest';
import type { ReadingQuality, VariableKind } from '@medido/contracts';
import { testClickHouse, uniqueName } from '../../../test/fixtures.ts';
import {
  createClickHouseMeasurementsStore,
  type ClickHouseMeasurementsStore,
} from '../src/clickhouse-measurements-store.ts';
import { bucketsOf } from '../src/buckets.ts';
import type {
  Aggregation,
  BucketPoint,
  Frequency,
  MeasurementsQuery,
  MeasurementsSource,
  StoredReading,
} from '../src/measurements-store.port.ts';

/**
 * A store on its own fresh database of the per-process chDB (or the configured server). Its inserts are
 * followed by a rollup refresh (as the projector's background step would do), so answers forced from a
 * rollup come from rollup rows; rollup-freshness.int.spec.ts checks answers with the refresh lagging.
 */
export async function freshStore(
  rollupTimezone = 'America/Santiago',
): Promise<{ store: ClickHouseMeasurementsStore; database: string }> {
  const database = uniqueName('db');
  const store = createClickHouseMeasurementsStore({
    client: testClickHouse(inject('clickhouseUrl')),
    database,
    rollupTimezone,
  });
  await store.migrate();
  const refreshed: ClickHouseMeasurementsStore = {
    ...store,
    async insert(readings, token) {
      await store.insert(readings, token);
      await store.refreshRollups();
    },
  };
  return { store: refreshed, database };
}

export const clickhouse = () => testClickHouse(inject('clickhouseUrl'));

export function reading(
  deviceId: string,
  variable: string,
  ts: string,
  value: number,
  quality: ReadingQuality = 'measured',
  ingestedAt = Date.parse('2026-06-01T00:00:00Z'),
): StoredReading {
  return { deviceId, variable, ts: Date.parse(ts), value, quality, ingestedAt };
}

export interface Ask {
  deviceId?: string;
  variable?: string;
  kind?: VariableKind;
  aggregation: Aggregation;
  from: string;
  to: string;
  frequency: Frequency;
  timezone?: string;
  /** Every bucket of the window, those without data as [start, end, null, 0] (the store answers only buckets with data). */
  everyBucket?: boolean;
  source?: MeasurementsSource;
}

export function queryOf(a: Ask): MeasurementsQuery {
  return {
    series: [
      {
        deviceId: a.deviceId ?? 'dev-1',
        variable: a.variable ?? 'active_energy_import',
        kind: a.kind ?? 'cumulative',
        aggregation: a.aggregation,
      },
    ],
    from: Date.parse(a.from),
    to: Date.parse(a.to),
    frequency: a.frequency,
    timezone: a.timezone ?? 'America/Santiago',
    ...(a.source ? { source: a.source } : {}),
  };
}

/** The one series asked, as raw points (in UTC), with its lastIngestedAt. */
export async function rawSeries(store: ClickHouseMeasurementsStore, a: Omit<Ask, 'frequency' | 'timezone'>) {
  const [series] = await store.query(queryOf({ ...a, frequency: 'raw', timezone: 'UTC' }));
  return series!;
}

/** Points of one series as [start ISO, end ISO, value, count]. */
export async function buckets(
  store: ClickHouseMeasurementsStore,
  a: Ask,
): Promise<[string, string, number | null, number][]> {
  const query = queryOf(a);
  const [series] = await store.query(query);
  let points = series!.points as BucketPoint[];
  if (a.everyBucket) {
    const frequency = a.frequency as Exclude<Frequency, 'raw'>;
    points = everyBucket(points, bucketsOf(frequency, query.from, query.to, query.timezone).edges);
  }
  return points.map((p) => [new Date(p.start).toISOString(), new Date(p.end).toISOString(), p.value, p.count]);
}

/**
 * A series' points on every bucket of `edges`: the store answers buckets with data only; a bucket
 * without is shown here as value null (every value null, `several` of them), count 0 — the shape of a
 * reference computed bucket by bucket.
 */
export function everyBucket(points: BucketPoint[], edges: number[], several = 0): BucketPoint[] {
  const at = new Map(points.map((p) => [p.i, p]));
  return edges.slice(0, -1).map(
    (start, i) =>
      at.get(i) ?? {
        i,
        start,
        end: edges[i + 1]!,
        value: null,
        count: 0,
        estimated: 0,
        substituted: 0,
        ...(several ? { values: new Array<null>(several).fill(null) } : {}),
      },
  );
}

/** The same question answered by each source (the first is `answer`); see answeredAlike for the check. */
export async function fromEverySource(
  store: ClickHouseMeasurementsStore,
  a: Ask,
  sources: readonly MeasurementsSource[],
) {
  const answers = await Promise.all(sources.map((source) => buckets(store, { ...a, source })));
  return {
    answer: answers[0]!,
    answers: Object.fromEntries(sources.map((s, i) => [s, answers[i]])) as Record<
      MeasurementsSource,
      (typeof answers)[0]
    >,
  };
}

/**
 * The same question answered by each source, checked to be the same answer from every one (an exact
 * rollup answers as the raw table); resolves to that answer, for the test to compare with its own.
 */
export async function answeredAlike(
  store: ClickHouseMeasurementsStore,
  a: Ask,
  sources: readonly MeasurementsSource[],
  label = '',
) {
  const { answer, answers } = await fromEverySource(store, a, sources);
  for (const source of sources) expect(answers[source], `${label} from ${source}`).toEqual(answer);
  return answer;
}
