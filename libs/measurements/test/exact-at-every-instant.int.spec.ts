import { Readable } from 'node:stream';
import { inject, describe, expect, it } from 'vitest';
import { testClickHouse, uniqueName } from '../../../test/fixtures.ts';
import { bucketIndex, bucketsOf } from '../src/buckets.ts';
import { seriesKeys } from '../src/query-statements.ts';
import { dirtySpanStatement } from '../src/rollup-dirty.ts';
import {
  createClickHouseMeasurementsStore,
  type ClickHouseMeasurementsStore,
} from '../src/clickhouse-measurements-store.ts';
import type {
  Aggregation,
  BucketPoint,
  Frequency,
  MeasurementsSource,
  RawPoint,
  StoredReading,
} from '../src/measurements-store.port.ts';
import { randomReadings } from './random-readings.ts';
import { everyBucket } from './store-fixture.ts';
import { accepted, referenceBuckets, referenceQuality, referenceRaw } from './reference-answers.ts';
import { mulberry32 } from '@medido/platform/testing/seeded-random';

/**
 * The write path's promise, on the real engine: with rollups maintained in the background, at EVERY
 * moment after an insert returned, every frequency and aggregation answers exactly what a plain
 * recomputation from the readings accepted so far gives — whether the rollup refresh has not run, is
 * running at that moment, or has caught up. Readings of many meters arrive shuffled, some days very
 * late, re-sent (a quarter corrected), duplicated within a batch, one batch retried with its token and
 * one stored by an attempt that died before marking it; the store is restarted half-way, with a
 * refresh of the old one still running. Seeded: a failure replays. Values are multiples of 1/8, so
 * sums are exact in any order.
 */
const random = mulberry32(20261202);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const ENERGY = 'active_energy_import';
const POWER = 'active_power';
const DEVICES = Array.from({ length: 10 }, (_, i) => `m-${i}`);
const AGGREGATIONS: Aggregation[] = ['avg', 'min', 'max', 'sum', 'count', 'first', 'last', 'delta'];
const START = Date.parse('2026-03-30T00:00:00Z');
const END = Date.parse('2026-04-13T06:00:00Z');
/** Held back to the end of the stream for four meters: a whole local day arriving very late. */
const LATE_DAY = [Date.parse('2026-04-02T03:00:00Z'), Date.parse('2026-04-03T03:00:00Z')];
/** Readings from here on arrive last, in time order. */
const LIVE_FROM = Date.parse('2026-04-12T04:00:00Z');

function dataset(): StoredReading[][] {
  const all = randomReadings(random, {
    deviceIds: DEVICES,
    start: START,
    end: END,
    skip: 0.55,
    quality: (slot) => (slot % (7 * 900_000) === 0 ? 'estimated' : 'measured'),
    ingestedAt: 0,
  });
  const shuffled = all.sort(() => random() - 0.5);
  const isLate = (r: StoredReading) => DEVICES.indexOf(r.deviceId) < 4 && r.ts >= LATE_DAY[0]! && r.ts < LATE_DAY[1]!;
  const isLive = (r: StoredReading) => r.ts >= LIVE_FROM;
  // Shuffled history with re-sends, then the late day, then the last day live (in order, as meters send).
  const segments = [
    shuffled.filter((r) => !isLate(r) && !isLive(r)),
    shuffled.filter(isLate),
    shuffled.filter(isLive).sort((x, y) => x.ts - y.ts),
  ];
  const batches: StoredReading[][] = [];
  // Later segments in small batches: many moments whose not-yet-refreshed writes cover a few hours only.
  for (const [segment, stream] of segments.entries())
    batches.push(...batchesOf(stream, batches, segment === 0 ? [500, 2_000] : [30, 100]));
  // The store keeps, per reading, the latest ingested (and within a batch the last) one.
  return batches.map((batch, b) =>
    batch.map((r) => ({ ...r, ingestedAt: Date.parse('2026-05-01T00:00:00Z') + b * 1_000 })),
  );
}

function batchesOf(
  stream: StoredReading[],
  before: StoredReading[][],
  [min, max]: [number, number],
): StoredReading[][] {
  const batches: StoredReading[][] = [];
  const resend = before.length === 0;
  for (let i = 0; i < stream.length;) {
    const size = min + Math.floor(random() * (max - min));
    const batch = stream.slice(i, i + size);
    i += size;
    const sent = [...before, ...batches].flat();
    if (resend && sent.length > 0) {
      // Re-sent from earlier batches, a quarter with a corrected value; and a few twice in this batch.
      for (let k = 0; k < 25; k++) {
        const r = pick(sent);
        batch.push(
          k % 4 === 0 ? { ...r, value: r.value + Math.floor(random() * 8) / 8, quality: 'substituted' } : { ...r },
        );
      }
    }
    for (let k = 0; k < 5; k++) batch.push({ ...pick(batch), value: Math.floor(random() * 4000) / 8 });
    batches.push(batch);
  }
  return batches;
}

interface Case {
  name: string;
  frequency: Frequency;
  timezone: string;
  from: string;
  to: string;
  sources: MeasurementsSource[];
}
const CASES: Case[] = [
  {
    name: '15m across the DST change',
    frequency: '15m',
    timezone: 'America/Santiago',
    from: '2026-04-04T22:00:00Z',
    to: '2026-04-05T10:00:00Z',
    sources: ['15m'],
  },
  {
    name: '1h in Kolkata (+05:30)',
    frequency: '1h',
    timezone: 'Asia/Kolkata',
    from: '2026-04-01T00:30:00Z',
    to: '2026-04-06T00:30:00Z',
    sources: ['15m'],
  },
  {
    name: '1h in Chatham (+12:45/+13:45)',
    frequency: '1h',
    timezone: 'Pacific/Chatham',
    from: '2026-04-02T00:15:00Z',
    to: '2026-04-07T00:15:00Z',
    sources: ['15m'],
  },
  {
    name: '1d in Santiago',
    frequency: '1d',
    timezone: 'America/Santiago',
    from: '2026-03-30T03:00:00Z',
    to: '2026-04-13T04:00:00Z',
    sources: ['15m', '1h', '1d'],
  },
  {
    name: '1d in Kolkata',
    frequency: '1d',
    timezone: 'Asia/Kolkata',
    from: '2026-03-30T18:30:00Z',
    to: '2026-04-11T18:30:00Z',
    sources: ['15m'],
  },
  {
    name: '1d in Chatham',
    frequency: '1d',
    timezone: 'Pacific/Chatham',
    from: '2026-03-30T10:15:00Z',
    to: '2026-04-11T11:15:00Z',
    sources: ['15m'],
  },
  {
    name: '1w in Santiago',
    frequency: '1w',
    timezone: 'America/Santiago',
    from: '2026-03-30T03:00:00Z',
    to: '2026-04-13T04:00:00Z',
    sources: ['1h', '1d'],
  },
];
const RAW_WINDOW = { from: Date.parse('2026-04-01T00:00:00Z'), to: Date.parse('2026-04-04T00:00:00Z') };
const SERIES = DEVICES.flatMap((deviceId) =>
  [ENERGY, POWER].flatMap((variable) =>
    AGGREGATIONS.map((aggregation) => ({
      deviceId,
      variable,
      kind: variable === ENERGY ? ('cumulative' as const) : ('instantaneous' as const),
      aggregation,
    })),
  ),
);

const MULTI_AGGREGATIONS: Aggregation[] = ['min', 'max', 'avg', 'delta'];
const MULTI = DEVICES.map((deviceId) => ({
  deviceId,
  variable: ENERGY,
  kind: 'cumulative' as const,
  aggregation: 'min' as const,
  aggregations: MULTI_AGGREGATIONS,
}));

/** A mean has no finite expansion: compared to 6 decimals (the store may round it); everything else exactly. */
const comparable = (aggregation: Aggregation, value: number | null) =>
  aggregation === 'avg' && value !== null ? Number(value.toFixed(6)) : value;

async function expectExact(
  store: ClickHouseMeasurementsStore,
  readings: Map<string, StoredReading[]>,
  moment: string,
  forced: boolean,
): Promise<void> {
  for (const c of CASES) {
    const [from, to] = [Date.parse(c.from), Date.parse(c.to)];
    const source = forced ? pick(c.sources) : undefined;
    // The case's window and frequency, from the source picked (if forced), for one set of series.
    const inCase = (series: typeof SERIES | typeof MULTI) =>
      store.query({
        series,
        from,
        to,
        frequency: c.frequency,
        timezone: c.timezone,
        ...(source ? { source } : {}),
      });
    const results = await inCase(SERIES);
    const { edges } = bucketsOf(c.frequency as Exclude<Frequency, 'raw'>, from, to, c.timezone);
    const actual = results.map((r) => [
      r.deviceId,
      r.variable,
      r.aggregation,
      everyBucket(r.points as BucketPoint[], edges).map((p) => [
        p.start,
        comparable(r.aggregation, p.value),
        p.count,
        p.estimated,
        p.substituted,
      ]),
    ]);
    const expected = SERIES.map((s) => {
      const sorted = readings.get(`${s.deviceId}\u001f${s.variable}`) ?? [];
      const quality = referenceQuality(sorted, s.aggregation, edges);
      return [
        s.deviceId,
        s.variable,
        s.aggregation,
        referenceBuckets(sorted, s.aggregation, edges).map(([b, v, n], i) => [
          b,
          comparable(s.aggregation, v),
          n,
          ...(n === 0 ? [0, 0] : quality[i]!),
        ]),
      ];
    });
    expect(actual, `${moment}: ${c.name}${source ? ` from ${source}` : ''}`).toEqual(expected);
    // Several aggregations of a series in one statement: each as asked alone; count and quality of the readings.
    const multi = await inCase(MULTI);
    expect(
      multi.map((r) =>
        everyBucket(r.points as BucketPoint[], edges, MULTI_AGGREGATIONS.length).map((p) => [
          p.start,
          p.values!.map((v, k) => comparable(MULTI_AGGREGATIONS[k]!, v)),
          p.count,
          p.estimated,
          p.substituted,
        ]),
      ),
      `${moment}: ${c.name}, several aggregations`,
    ).toEqual(
      MULTI.map((s) => {
        const sorted = readings.get(`${s.deviceId}\u001f${s.variable}`) ?? [];
        const each = MULTI_AGGREGATIONS.map((a) => referenceBuckets(sorted, a, edges));
        const [counts, quality] = [referenceBuckets(sorted, 'count', edges), referenceQuality(sorted, 'count', edges)];
        return counts.map(([b, , n], i) => [
          b,
          each.map((answers, k) => comparable(MULTI_AGGREGATIONS[k]!, answers[i]![1])),
          n,
          ...quality[i]!,
        ]);
      }),
    );
  }
  const raw = await store.query({
    series: SERIES.filter((s) => s.aggregation === 'last'),
    ...RAW_WINDOW,
    frequency: 'raw',
    timezone: 'UTC',
  });
  expect(
    raw.map((r) => r.points as RawPoint[]),
    `${moment}: raw`,
  ).toEqual(
    raw.map((r) =>
      referenceRaw(readings.get(`${r.deviceId}\u001f${r.variable}`) ?? [], RAW_WINDOW.from, RAW_WINDOW.to),
    ),
  );
}

/**
 * How the 1 d Santiago case is answered now: rollup rows only, raw rows only, or both — the cut its one
 * statement makes (rollup-answer-statement.ts), computed here from the same dirty-span lookup.
 */
async function answeredFrom(database: string): Promise<'rollup' | 'raw' | 'mixed'> {
  const c = CASES[3]!;
  const [from, to] = [Date.parse(c.from), Date.parse(c.to)];
  const span = dirtySpanStatement(database, seriesKeys(SERIES));
  const result = await testClickHouse(inject('clickhouseUrl')).query({
    query: span.sql,
    query_params: span.params,
    format: 'JSONCompactEachRow',
  });
  const [[first, last, next] = [null, null, null]] = await result.json<[number | null, number | null, number | null]>();
  if (first === null || last === null) return 'rollup';
  const lo = Number(first) - 1;
  const hi = next === null ? Number(last) : Math.max(Number(last), Number(next) - 1);
  if (hi < from || lo >= to) return 'rollup';
  const { edges } = bucketsOf(c.frequency as Exclude<Frequency, 'raw'>, from, to, c.timezone);
  const rawFrom = edges[bucketIndex(edges, Math.max(from, lo))];
  const rawTo = edges[bucketIndex(edges, Math.min(to - 1, hi)) + 1];
  return rawFrom === from && rawTo === to ? 'raw' : 'mixed';
}

describe('answers are exact at every moment while rollups catch up in the background', () => {
  it('after every acknowledged insert, every frequency and aggregation equals a plain recomputation', async () => {
    const client = testClickHouse(inject('clickhouseUrl'));
    const database = uniqueName('db');
    const open = async () => {
      const s = createClickHouseMeasurementsStore({ client, database, rollupTimezone: 'America/Santiago' });
      await s.migrate();
      return s;
    };
    let store = await open();
    const batches = dataset();
    const crashedAt = 3;
    const retriedAt = 5;
    const restartAt = Math.floor(batches.length / 2);
    const seen = { rollup: 0, raw: 0, mixed: 0 };
    const inFlight: Promise<unknown>[] = [];

    for (const [b, batch] of batches.entries()) {
      const token = `exact/0/${b}`;
      if (b === crashedAt) {
        // An attempt that stored the readings (with the token) and died before marking them dirty.
        const unique = [...new Map(batch.map((r) => [`${r.deviceId}|${r.variable}|${r.ts}`, r])).values()]; // as the store sends a batch
        const iso = (ms: number) => new Date(ms).toISOString();
        const first = unique.map((r) =>
          JSON.stringify({
            device_id: r.deviceId,
            variable: r.variable,
            ts: iso(r.ts),
            value: r.value,
            quality: r.quality,
            ingested_at: iso(r.ingestedAt),
          }),
        );
        const result = await client.exec({
          query: `INSERT INTO ${database}.readings SETTINGS insert_deduplication_token = {t:String} FORMAT JSONEachRow`,
          query_params: { t: token },
          values: Readable.from([first.join('\n')]),
        });
        for await (const _ of result.stream) {
          /* drain */
        }
      }
      const when = pick(['none', 'none', 'before', 'during'] as const);
      if (when === 'during') inFlight.push(store.refreshRollups()); // runs while this insert and the checks run
      await store.insert(batch, token);
      if (b === retriedAt) await store.insert(batch, token); // the bus re-delivers the same batch: dropped by its token
      if (when === 'before') await store.refreshRollups();
      if (when !== 'during') seen[await answeredFrom(database)] += 1;
      if (b === restartAt) store = await open(); // a refresh of the old store may still be running
      await expectExact(store, accepted(batches.slice(0, b + 1)), `after batch ${b} (refresh ${when})`, b % 2 === 1);
      await Promise.all(inFlight.splice(0));
    }

    // Caught up: the rollups answer alone, and still exactly.
    while ((await store.refreshRollups()).marks > 0) {
      /* drain the backlog */
    }
    expect(await answeredFrom(database)).toBe('rollup');
    await expectExact(store, accepted(batches), 'caught up', false);
    await expectExact(store, accepted(batches), 'caught up', true);
    // The moments covered answers from raw readings and rollup rows together, not only one source.
    expect(seen.mixed, JSON.stringify(seen)).toBeGreaterThan(0);
    expect(batches.length).toBeGreaterThan(12);
  }, 120_000);
});
