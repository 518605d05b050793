import { beforeAll, describe, expect, it } from 'vitest';
import type { ClickHouseMeasurementsStore } from '../src/clickhouse-measurements-store.ts';
import type { StoredReading } from '../src/measurements-store.port.ts';
import { answeredAlike, freshStore } from './store-fixture.ts';

const H = 3_600_000;
const E = 'active_energy_import';

/** Register readings every 15 min in [from, to), +0.25 each: a day's delta is 0.25 × its increases. */
function quarterHours(deviceId: string, from: string, to: string): StoredReading[] {
  const out: StoredReading[] = [];
  for (let ts = Date.parse(from), v = 1000; ts < Date.parse(to); ts += 15 * 60_000, v += 0.25) {
    out.push({
      deviceId,
      variable: E,
      ts,
      value: v,
      quality: 'measured',
      ingestedAt: Date.parse('2026-10-01T00:00:00Z'),
    });
  }
  return out;
}

/** Local dates of 2026 whose following midnight sees the zone's UTC offset change, from the runtime's zone database. */
function offsetChangeDates(timeZone: string): { date: string; hours: number }[] {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  const offsetHours = (t: number) => {
    const name = format.formatToParts(t).find((p) => p.type === 'timeZoneName')!.value; // "GMT-03:00"
    return name === 'GMT' ? 0 : (name[3] === '-' ? -1 : 1) * (Number(name.slice(4, 6)) + Number(name.slice(7, 9)) / 60);
  };
  const out: { date: string; hours: number }[] = [];
  for (let noon = Date.UTC(2026, 0, 1, 12); noon < Date.UTC(2027, 0, 1); noon += 24 * H) {
    const change = offsetHours(noon + 24 * H) - offsetHours(noon);
    if (change !== 0) out.push({ date: new Date(noon).toISOString().slice(0, 10), hours: change });
  }
  return out;
}

const ALL = ['raw', '15m', '1h', '1d'] as const;

describe('calendar buckets across DST changes (golden)', () => {
  let store: ClickHouseMeasurementsStore;
  beforeAll(async () => {
    ({ store } = await freshStore());
    await store.insert(quarterHours('dev-apr', '2026-04-03T03:00:00Z', '2026-04-08T04:00:00Z'), 'dst/0/0-483');
    await store.insert(quarterHours('dev-sep', '2026-09-04T04:00:00Z', '2026-09-09T03:00:00Z'), 'dst/1/0-475');
    await store.insert(quarterHours('dev-mad', '2026-03-27T23:00:00Z', '2026-03-30T22:00:00Z'), 'dst/2/0-283');
  });

  it('finds the 2026 DST changes of America/Santiago and Europe/Madrid in the zone database', () => {
    // Santiago: clocks go back 1 h after Saturday April 4 (a 25 h day), forward into Sunday September 6 (23 h).
    expect(offsetChangeDates('America/Santiago')).toEqual([
      { date: '2026-04-04', hours: -1 },
      { date: '2026-09-05', hours: 1 },
    ]);
    expect(offsetChangeDates('Europe/Madrid')).toEqual([
      { date: '2026-03-28', hours: 1 },
      { date: '2026-10-24', hours: -1 },
    ]);
  });

  it('Santiago: the 25 h day 2026-04-04 runs 00:00−03 → 00:00−04, from every source', async () => {
    const days = {
      deviceId: 'dev-apr',
      frequency: '1d',
      from: '2026-04-03T03:00:00Z',
      to: '2026-04-08T04:00:00Z',
    } as const;
    const answer = await answeredAlike(store, { ...days, aggregation: 'delta' }, ALL);
    expect(answer).toEqual([
      ['2026-04-03T03:00:00.000Z', '2026-04-04T03:00:00.000Z', 24, 96],
      ['2026-04-04T03:00:00.000Z', '2026-04-05T04:00:00.000Z', 25, 100],
      ['2026-04-05T04:00:00.000Z', '2026-04-06T04:00:00.000Z', 24, 96],
      ['2026-04-06T04:00:00.000Z', '2026-04-07T04:00:00.000Z', 24, 96],
      ['2026-04-07T04:00:00.000Z', '2026-04-08T04:00:00.000Z', 23.75, 95],
    ]);
    expect(Date.parse(answer[1]![1]) - Date.parse(answer[1]![0])).toBe(25 * H);
    const theLongDay = {
      ...days,
      aggregation: 'count',
      from: '2026-04-04T03:00:00Z',
      to: '2026-04-05T04:00:00Z',
    } as const;
    expect(await answeredAlike(store, theLongDay, ALL)).toEqual([
      ['2026-04-04T03:00:00.000Z', '2026-04-05T04:00:00.000Z', 100, 100],
    ]);
  });

  it('Santiago: the 23 h day 2026-09-06 starts at 01:00−03 (midnight is skipped) and ends 00:00−03', async () => {
    const days = {
      deviceId: 'dev-sep',
      frequency: '1d',
      from: '2026-09-05T04:00:00Z',
      to: '2026-09-08T03:00:00Z',
    } as const;
    const answer = await answeredAlike(store, { ...days, aggregation: 'count' }, ALL);
    expect(answer).toEqual([
      ['2026-09-05T04:00:00.000Z', '2026-09-06T04:00:00.000Z', 96, 96],
      ['2026-09-06T04:00:00.000Z', '2026-09-07T03:00:00.000Z', 92, 92],
      ['2026-09-07T03:00:00.000Z', '2026-09-08T03:00:00.000Z', 96, 96],
    ]);
    expect(Date.parse(answer[1]![1]) - Date.parse(answer[1]![0])).toBe(23 * H);
  });

  it('Santiago: April lasts 721 h and September 719 h', async () => {
    const april = { deviceId: 'dev-apr', from: '2026-04-01T03:00:00Z', to: '2026-05-01T04:00:00Z' };
    expect(await answeredAlike(store, { ...april, aggregation: 'delta', frequency: '1mo' }, ALL)).toEqual([
      ['2026-04-01T03:00:00.000Z', '2026-05-01T04:00:00.000Z', 120.75, 483],
    ]);
    const september = { deviceId: 'dev-sep', from: '2026-09-01T04:00:00Z', to: '2026-10-01T03:00:00Z' };
    expect(await answeredAlike(store, { ...september, aggregation: 'count', frequency: '1mo' }, ALL)).toEqual([
      ['2026-09-01T04:00:00.000Z', '2026-10-01T03:00:00.000Z', 476, 476],
    ]);
    expect([
      Date.parse('2026-05-01T04:00:00Z') - Date.parse('2026-04-01T03:00:00Z'),
      Date.parse('2026-10-01T03:00:00Z') - Date.parse('2026-09-01T04:00:00Z'),
    ]).toEqual([721 * H, 719 * H]);
  });

  it('Europe/Madrid: the 23 h day 2026-03-29, composed from hours (the day rollup is in Santiago time)', async () => {
    const ask = {
      deviceId: 'dev-mad',
      aggregation: 'delta' as const,
      frequency: '1d' as const,
      timezone: 'Europe/Madrid',
      from: '2026-03-27T23:00:00Z',
      to: '2026-03-30T22:00:00Z',
    };
    expect(await answeredAlike(store, ask, ['raw', '15m', '1h'])).toEqual([
      ['2026-03-27T23:00:00.000Z', '2026-03-28T23:00:00.000Z', 24, 96],
      ['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z', 23, 92],
      ['2026-03-29T22:00:00.000Z', '2026-03-30T22:00:00.000Z', 23.75, 95],
    ]);
    expect(
      (
        await store.explain!({
          series: [{ deviceId: 'dev-mad', variable: E, kind: 'cumulative', aggregation: 'delta' }],
          from: Date.parse(ask.from),
          to: Date.parse(ask.to),
          frequency: '1d',
          timezone: 'Europe/Madrid',
        })
      ).source,
    ).toBe('1h');
  });

  it('Asia/Kolkata (+05:30): days start at 18:30Z and are composed from quarter hours', async () => {
    const ask = {
      deviceId: 'dev-apr',
      aggregation: 'count' as const,
      frequency: '1d' as const,
      timezone: 'Asia/Kolkata',
      from: '2026-04-03T18:30:00Z',
      to: '2026-04-06T18:30:00Z',
    };
    expect(await answeredAlike(store, ask, ['raw', '15m'])).toEqual([
      ['2026-04-03T18:30:00.000Z', '2026-04-04T18:30:00.000Z', 96, 96],
      ['2026-04-04T18:30:00.000Z', '2026-04-05T18:30:00.000Z', 96, 96],
      ['2026-04-05T18:30:00.000Z', '2026-04-06T18:30:00.000Z', 96, 96],
    ]);
    await expect(
      store.query({
        series: [{ deviceId: 'dev-apr', variable: E, kind: 'cumulative', aggregation: 'count' }],
        from: Date.parse(ask.from),
        to: Date.parse(ask.to),
        frequency: '1d',
        timezone: 'Asia/Kolkata',
        source: '1h',
      }),
    ).rejects.toMatchObject({ code: 'MEASUREMENTS_PARAMETER_INVALID' });
  });
});
