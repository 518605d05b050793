import { beforeAll, describe, expect, it } from 'vitest';
import type { ClickHouseMeasurementsStore } from '../src/clickhouse-measurements-store.ts';
import type { BucketPoint } from '../src/measurements-store.port.ts';
import { answeredAlike, freshStore, queryOf, rawSeries, reading } from './store-fixture.ts';

/**
 * Golden answers for an instantaneous variable in America/Santiago, January 2026 (UTC−03 all month, so
 * local midnight is 03:00Z). Expected values are computed by hand from the readings below.
 */
const P = 'active_power';
const readings = [
  reading('dev-1', P, '2026-01-10T03:00:00.000Z', 4), // Jan 10 00:00 local
  reading('dev-1', P, '2026-01-10T03:05:00.000Z', 6),
  reading('dev-1', P, '2026-01-10T03:15:00.000Z', 10),
  reading('dev-1', P, '2026-01-10T03:59:59.999Z', 2),
  reading('dev-1', P, '2026-01-10T04:00:00.000Z', 8),
  reading('dev-1', P, '2026-01-11T02:59:59.999Z', 1), // Jan 10 23:59:59.999 local
  reading('dev-1', P, '2026-01-11T03:00:00.000Z', 5), // Jan 11 00:00 local
  reading('dev-1', P, '2026-01-12T10:00:00.000Z', 3), // Monday Jan 12, 07:00 local
  reading('dev-2', P, '2026-01-10T03:20:00.000Z', 100, 'estimated', Date.parse('2026-06-02T00:00:00Z')),
];
/** Quarter-hour averages of dev-1 from 00:00 to 01:30 local on Jan 10: one quarter (00:30) has no reading. */
const QUARTER_AVERAGES = {
  variable: P,
  aggregation: 'avg',
  frequency: '15m',
  from: '2026-01-10T03:00:00Z',
  to: '2026-01-10T04:30:00Z',
} as const;

describe('measurements buckets (golden)', () => {
  let store: ClickHouseMeasurementsStore;
  beforeAll(async () => {
    ({ store } = await freshStore());
    await store.insert(readings, 'golden/0/0-8');
  });

  it('raw: the reading at `from` is in, the one at `to` is out, in time order', async () => {
    const series = await rawSeries(store, {
      variable: P,
      kind: 'instantaneous',
      aggregation: 'avg',
      from: '2026-01-10T03:05:00Z',
      to: '2026-01-10T04:00:00Z',
    });
    expect(series.points).toEqual([
      { ts: Date.parse('2026-01-10T03:05:00.000Z'), value: 6, quality: 'measured' },
      { ts: Date.parse('2026-01-10T03:15:00.000Z'), value: 10, quality: 'measured' },
      { ts: Date.parse('2026-01-10T03:59:59.999Z'), value: 2, quality: 'measured' },
    ]);
    expect(series.lastIngestedAt).toBe(Date.parse('2026-06-01T00:00:00Z'));
  });

  it('15 min: averages per quarter hour; empty quarters are left out', async () => {
    expect(await answeredAlike(store, QUARTER_AVERAGES, ['raw', '15m'])).toEqual([
      ['2026-01-10T03:00:00.000Z', '2026-01-10T03:15:00.000Z', 5, 2],
      ['2026-01-10T03:15:00.000Z', '2026-01-10T03:30:00.000Z', 10, 1],
      ['2026-01-10T03:45:00.000Z', '2026-01-10T04:00:00.000Z', 2, 1],
      ['2026-01-10T04:00:00.000Z', '2026-01-10T04:15:00.000Z', 8, 1],
    ]);
  });

  it('1 h: min, max, sum, count, first and last', async () => {
    const hour = { variable: P, frequency: '1h' as const, from: '2026-01-10T03:00:00Z', to: '2026-01-10T05:00:00Z' };
    const expected = { min: [2, 8], max: [10, 8], sum: [22, 8], count: [4, 1], first: [4, 8], last: [2, 8] } as const;
    for (const [aggregation, [first, second]] of Object.entries(expected)) {
      const ask = { ...hour, aggregation: aggregation as keyof typeof expected };
      expect(await answeredAlike(store, ask, ['raw', '15m', '1h'], aggregation), aggregation).toEqual([
        ['2026-01-10T03:00:00.000Z', '2026-01-10T04:00:00.000Z', first, 4],
        ['2026-01-10T04:00:00.000Z', '2026-01-10T05:00:00.000Z', second, 1],
      ]);
    }
  });

  it('1 d: local days from 00:00 (a reading at 23:59:59.999 is still in the day)', async () => {
    const days = { variable: P, frequency: '1d', from: '2026-01-10T03:00:00Z', to: '2026-01-13T03:00:00Z' } as const;
    expect(await answeredAlike(store, { ...days, aggregation: 'sum' }, ['raw', '15m', '1h', '1d'])).toEqual([
      ['2026-01-10T03:00:00.000Z', '2026-01-11T03:00:00.000Z', 31, 6],
      ['2026-01-11T03:00:00.000Z', '2026-01-12T03:00:00.000Z', 5, 1],
      ['2026-01-12T03:00:00.000Z', '2026-01-13T03:00:00.000Z', 3, 1],
    ]);
  });

  it('1 w: weeks from Monday 00:00 local', async () => {
    const weeks = { variable: P, frequency: '1w', from: '2026-01-05T03:00:00Z', to: '2026-01-19T03:00:00Z' } as const;
    expect(await answeredAlike(store, { ...weeks, aggregation: 'sum' }, ['raw', '1d'])).toEqual([
      ['2026-01-05T03:00:00.000Z', '2026-01-12T03:00:00.000Z', 36, 7],
      ['2026-01-12T03:00:00.000Z', '2026-01-19T03:00:00.000Z', 3, 1],
    ]);
  });

  it('1 mo: an empty month has no point (shown here as null, count 0)', async () => {
    const months = {
      variable: P,
      frequency: '1mo',
      everyBucket: true,
      from: '2026-01-01T03:00:00Z',
      to: '2026-03-01T03:00:00Z',
    } as const;
    expect(await answeredAlike(store, { ...months, aggregation: 'count' }, ['raw', '1h', '1d'])).toEqual([
      ['2026-01-01T03:00:00.000Z', '2026-02-01T03:00:00.000Z', 8, 8],
      ['2026-02-01T03:00:00.000Z', '2026-03-01T03:00:00.000Z', null, 0],
    ]);
  });

  it('answers the buckets that hold data only, each naming its bucket of the window', async () => {
    const [series] = await store.query(queryOf(QUARTER_AVERAGES));
    expect(
      (series!.points as BucketPoint[]).map((p) => [
        p.i,
        new Date(p.start).toISOString().slice(11, 16),
        p.value,
        p.count,
      ]),
    ).toEqual([
      [0, '03:00', 5, 2],
      [1, '03:15', 10, 1],
      [3, '03:45', 2, 1],
      [4, '04:00', 8, 1],
    ]);
  });

  it('answers several series in the order asked, each with its own freshness; unknown series are empty', async () => {
    const results = await store.query({
      series: [
        { deviceId: 'dev-2', variable: P, kind: 'instantaneous', aggregation: 'max' },
        { deviceId: 'dev-9', variable: P, kind: 'instantaneous', aggregation: 'max' },
        { deviceId: 'dev-1', variable: P, kind: 'instantaneous', aggregation: 'max' },
      ],
      from: Date.parse('2026-01-10T03:00:00Z'),
      to: Date.parse('2026-01-11T03:00:00Z'),
      frequency: '1d',
      timezone: 'America/Santiago',
    });
    expect(results.map((r) => [r.deviceId, r.points.map((p) => 'value' in p && p.value), r.lastIngestedAt])).toEqual([
      ['dev-2', [100], Date.parse('2026-06-02T00:00:00Z')],
      ['dev-9', [], null],
      ['dev-1', [10], Date.parse('2026-06-01T00:00:00Z')],
    ]);
    expect(await store.lastSeen(['dev-1', 'dev-2', 'dev-9'])).toEqual(
      new Map([
        ['dev-1', Date.parse('2026-01-12T10:00:00.000Z')],
        ['dev-2', Date.parse('2026-01-10T03:20:00.000Z')],
      ]),
    );
  });

  it('answers raw readings of several series with their freshness in one statement, none of it taken for a reading', async () => {
    const query = {
      series: [
        { deviceId: 'dev-2', variable: P, kind: 'instantaneous' as const, aggregation: 'max' as const },
        { deviceId: 'dev-9', variable: P, kind: 'instantaneous' as const, aggregation: 'max' as const },
        { deviceId: 'dev-1', variable: P, kind: 'instantaneous' as const, aggregation: 'max' as const },
      ],
      // dev-2's one reading lies before the window: no point, but its freshness all the same.
      from: Date.parse('2026-01-10T03:59:59.999Z'),
      to: Date.parse('2026-01-11T03:00:00.001Z'),
      frequency: 'raw' as const,
      timezone: 'UTC',
    };
    expect((await store.explain(query)).statements.map((s) => s.role)).toEqual(['points']);
    const results = await store.query(query);
    expect(results.map((r) => [r.deviceId, r.points, r.lastIngestedAt])).toEqual([
      ['dev-2', [], Date.parse('2026-06-02T00:00:00Z')],
      ['dev-9', [], null],
      [
        'dev-1',
        [
          { ts: Date.parse('2026-01-10T03:59:59.999Z'), value: 2, quality: 'measured' },
          { ts: Date.parse('2026-01-10T04:00:00.000Z'), value: 8, quality: 'measured' },
          { ts: Date.parse('2026-01-11T02:59:59.999Z'), value: 1, quality: 'measured' },
          { ts: Date.parse('2026-01-11T03:00:00.000Z'), value: 5, quality: 'measured' },
        ],
        Date.parse('2026-06-01T00:00:00Z'),
      ],
    ]);
  });

  it('stores any device id and value text exactly (no SQL or format injection)', async () => {
    const odd = 'dev\t\'x\\n"; DROP TABLE readings; --';
    await store.insert(
      [reading(odd, P, '2026-01-10T03:00:00.000Z', 0.1), reading(odd, P, '2026-01-10T03:00:00.001Z', -1e-300)],
      'golden/1/0-1',
    );
    const window = { from: '2026-01-10T03:00:00Z', to: '2026-01-10T04:00:00Z' };
    const series = await rawSeries(store, {
      deviceId: odd,
      variable: P,
      kind: 'instantaneous',
      aggregation: 'avg',
      ...window,
    });
    expect(series.points).toEqual([
      { ts: Date.parse('2026-01-10T03:00:00.000Z'), value: 0.1, quality: 'measured' },
      { ts: Date.parse('2026-01-10T03:00:00.001Z'), value: -1e-300, quality: 'measured' },
    ]);
  });
});
