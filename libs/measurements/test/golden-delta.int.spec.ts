import { beforeAll, describe, expect, it } from 'vitest';
import type { ClickHouseMeasurementsStore } from '../src/clickhouse-measurements-store.ts';
import { createClickHouseMeasurementsStore } from '../src/clickhouse-measurements-store.ts';
import { answeredAlike, buckets, clickhouse, freshStore, queryOf, reading, type Ask } from './store-fixture.ts';

/**
 * Golden `delta` (consumption) answers for a cumulative register in America/Santiago, January 2026
 * (UTC−03: local midnight is 03:00Z). Increases by hand:
 *   R0 Jan 9 20:00 local  100
 *   R1 Jan 10 02:00       110.5  +10.5 (predecessor R0 is before the window)
 *   R2 Jan 10 12:00       120    +9.5
 *   R3 Jan 10 17:00       4      +4    (register reset: the increase is the new value)
 *   R4 Jan 11 00:00       10     +6    attributed to Jan 10 (a reading at midnight closes the previous day)
 *   R5 Jan 11 09:00       15.25  +5.25
 */
const E = 'active_energy_import';
const inOrder = [
  reading('dev-1', E, '2026-01-09T23:00:00.000Z', 100),
  reading('dev-1', E, '2026-01-10T05:00:00.000Z', 110.5),
  reading('dev-1', E, '2026-01-10T15:00:00.000Z', 120),
  reading('dev-1', E, '2026-01-10T20:00:00.000Z', 4),
  reading('dev-1', E, '2026-01-11T03:00:00.000Z', 10),
  reading('dev-1', E, '2026-01-11T12:00:00.000Z', 15.25),
];
const ALL = ['raw', '15m', '1h', '1d'] as const;
const days: Ask = { aggregation: 'delta', frequency: '1d', from: '2026-01-10T03:00:00Z', to: '2026-01-12T03:00:00Z' };

describe('delta (golden)', () => {
  let store: ClickHouseMeasurementsStore;
  beforeAll(async () => {
    ({ store } = await freshStore());
    await store.insert(inOrder, 'delta/0/0-5');
    await store.insert(
      [reading('dev-3', E, '2026-01-01T12:00:00.000Z', 50), reading('dev-3', E, '2026-01-10T12:00:00.000Z', 70)],
      'delta/1/0-1',
    );
  });

  it('sums increases per day: counter reset, midnight reading, predecessor before the window', async () => {
    expect(await answeredAlike(store, days, ALL)).toEqual([
      ['2026-01-10T03:00:00.000Z', '2026-01-11T03:00:00.000Z', 30, 4],
      ['2026-01-11T03:00:00.000Z', '2026-01-12T03:00:00.000Z', 5.25, 1],
    ]);
  });

  it('a reading at exactly `to` closes the last bucket of the window', async () => {
    expect(await answeredAlike(store, { ...days, to: '2026-01-11T03:00:00Z' }, ALL)).toEqual([
      ['2026-01-10T03:00:00.000Z', '2026-01-11T03:00:00.000Z', 30, 4],
    ]);
  });

  it('attributes an increase to the bucket holding ts − 1 ms (hourly)', async () => {
    const hours = { aggregation: 'delta', frequency: '1h', everyBucket: true } as const;
    const window = { from: '2026-01-10T03:00:00Z', to: '2026-01-10T06:00:00Z' };
    expect(await answeredAlike(store, { ...hours, ...window }, ['raw', '15m', '1h'])).toEqual([
      ['2026-01-10T03:00:00.000Z', '2026-01-10T04:00:00.000Z', null, 0],
      ['2026-01-10T04:00:00.000Z', '2026-01-10T05:00:00.000Z', 10.5, 1],
      ['2026-01-10T05:00:00.000Z', '2026-01-10T06:00:00.000Z', null, 0],
    ]);
  });

  it('looks up a predecessor far before the window (9 days; 70 days in a later batch)', async () => {
    expect(await answeredAlike(store, { ...days, deviceId: 'dev-3' }, ALL)).toEqual([
      ['2026-01-10T03:00:00.000Z', '2026-01-11T03:00:00.000Z', 20, 1],
    ]);
    await store.insert([reading('dev-3', E, '2026-03-21T12:00:00.000Z', 72.5)], 'delta/1/2-2');
    const march = { ...days, deviceId: 'dev-3', from: '2026-03-21T03:00:00Z', to: '2026-03-22T03:00:00Z' };
    expect(await answeredAlike(store, march, ALL)).toEqual([
      ['2026-03-21T03:00:00.000Z', '2026-03-22T03:00:00.000Z', 2.5, 1],
    ]);
  });

  it('late, out-of-order readings in later batches change the increases as if they had come in order', async () => {
    const late = [
      reading('dev-1', E, '2026-01-10T02:00:00.000Z', 108), // Jan 9 23:00 local: R0→L +8 (Jan 9), L→R1 +2.5 (Jan 10)
      reading('dev-1', E, '2026-01-11T09:00:00.000Z', 1), //   Jan 11 06:00 local: R4→L +1 (reset), L→R5 +14.25
    ];
    await store.insert([late[1]!], 'delta/0/6-6');
    await store.insert([late[0]!], 'delta/0/7-7');
    const window = { ...days, from: '2026-01-09T03:00:00Z' };
    const answer = await answeredAlike(store, window, ALL);
    expect(answer).toEqual([
      ['2026-01-09T03:00:00.000Z', '2026-01-10T03:00:00.000Z', 8, 1],
      ['2026-01-10T03:00:00.000Z', '2026-01-11T03:00:00.000Z', 22, 4],
      ['2026-01-11T03:00:00.000Z', '2026-01-12T03:00:00.000Z', 15.25, 2],
    ]);

    const { store: ordered } = await freshStore();
    await ordered.insert(
      [...inOrder, ...late].sort((a, b) => a.ts - b.ts),
      'ordered/0/0-7',
    );
    expect(await answeredAlike(ordered, window, ALL)).toEqual(answer);
  });
});

describe('delta over days the rollup refresh has not reached yet', () => {
  it('answers in one statement that finds its dirty days and predecessors itself, exactly', async () => {
    const { database } = await freshStore();
    // Without the fixture's refresh after each insert: every day is dirty, answered from raw readings.
    const lagging = createClickHouseMeasurementsStore({
      client: clickhouse(),
      database,
      rollupTimezone: 'America/Santiago',
    });
    await lagging.insert(inOrder, 'lagging/0/0-5');
    await lagging.insert(
      [reading('dev-3', E, '2026-01-01T12:00:00.000Z', 50), reading('dev-3', E, '2026-01-10T12:00:00.000Z', 70)],
      'lagging/1/0-1',
    );
    const fromDays = (deviceId: string) => ({ ...days, deviceId, source: '1d' }) as const;
    const plan = await lagging.explain(queryOf(fromDays('dev-1')));
    expect(plan.statements.map((s) => s.role)).toEqual(['freshness', 'points']);
    expect(await buckets(lagging, fromDays('dev-1'))).toEqual([
      ['2026-01-10T03:00:00.000Z', '2026-01-11T03:00:00.000Z', 30, 4],
      ['2026-01-11T03:00:00.000Z', '2026-01-12T03:00:00.000Z', 5.25, 1],
    ]);
    // dev-3's predecessor is 9 days back, beyond the statement's bounded lookup: the answer is asked
    // again with the lookups in turn, the unbounded one included (without it the increase 50 → 70 is lost).
    expect(await buckets(lagging, fromDays('dev-3'))).toEqual([
      ['2026-01-10T03:00:00.000Z', '2026-01-11T03:00:00.000Z', 20, 1],
    ]);
  });
});
