import { describe, expect, it } from 'vitest';
import { bucketIndex, bucketsOf } from '../src/buckets.ts';

const H = 3_600_000;

/** bucketsOf over the window [from, to) written as ISO instants, with its edges (`iso`) written the same way. */
function bucketsBetween(frequency: Parameters<typeof bucketsOf>[0], from: string, to: string, timeZone: string) {
  const buckets = bucketsOf(frequency, Date.parse(from), Date.parse(to), timeZone);
  return { ...buckets, iso: buckets.edges.map((e) => new Date(e).toISOString()) };
}

describe('bucket boundaries', () => {
  it('days in America/Santiago last 25 h on 2026-04-04 and 23 h on 2026-09-06 (DST changes)', () => {
    const april = bucketsBetween('1d', '2026-04-04T03:00:00Z', '2026-04-06T04:00:00Z', 'America/Santiago');
    expect(april.iso).toEqual(['2026-04-04T03:00:00.000Z', '2026-04-05T04:00:00.000Z', '2026-04-06T04:00:00.000Z']);
    expect(april.edges[1]! - april.edges[0]!).toBe(25 * H);
    // 2026-09-06 00:00 does not exist in Santiago (clocks jump to 01:00), so that day starts at 01:00 −03.
    const september = bucketsBetween('1d', '2026-09-05T04:00:00Z', '2026-09-07T03:00:00Z', 'America/Santiago');
    expect(september.iso).toEqual(['2026-09-05T04:00:00.000Z', '2026-09-06T04:00:00.000Z', '2026-09-07T03:00:00.000Z']);
    expect(september.edges[2]! - september.edges[1]!).toBe(23 * H);
  });

  it('clips the first and last buckets to the window', () => {
    const { iso: edges } = bucketsBetween('1d', '2026-01-10T15:00:00Z', '2026-01-12T12:00:00Z', 'UTC');
    expect(edges).toEqual([
      '2026-01-10T15:00:00.000Z',
      '2026-01-11T00:00:00.000Z',
      '2026-01-12T00:00:00.000Z',
      '2026-01-12T12:00:00.000Z',
    ]);
  });

  it('weeks start on Monday, months and years on their first local day', () => {
    // 2026-04-01 is a Wednesday; Mondays in April 2026: 6, 13, 20, 27 (Santiago is −04 after April 5).
    const weeks = bucketsBetween('1w', '2026-04-01T03:00:00Z', '2026-05-01T04:00:00Z', 'America/Santiago');
    expect(weeks.iso).toEqual([
      '2026-04-01T03:00:00.000Z',
      '2026-04-06T04:00:00.000Z',
      '2026-04-13T04:00:00.000Z',
      '2026-04-20T04:00:00.000Z',
      '2026-04-27T04:00:00.000Z',
      '2026-05-01T04:00:00.000Z',
    ]);
    const months = bucketsBetween('1mo', '2026-02-01T00:00:00Z', '2026-05-01T00:00:00Z', 'Europe/Madrid');
    // Madrid: +01 until 2026-03-29, then +02.
    expect(months.iso).toEqual([
      '2026-02-01T00:00:00.000Z',
      '2026-02-28T23:00:00.000Z',
      '2026-03-31T22:00:00.000Z',
      '2026-04-30T22:00:00.000Z',
      '2026-05-01T00:00:00.000Z',
    ]);
    const years = bucketsBetween('1y', '2025-06-01T00:00:00Z', '2027-06-01T00:00:00Z', 'Asia/Kolkata');
    expect(years.iso).toEqual([
      '2025-06-01T00:00:00.000Z',
      '2025-12-31T18:30:00.000Z',
      '2026-12-31T18:30:00.000Z',
      '2027-06-01T00:00:00.000Z',
    ]);
  });

  it('15 min and 1 h buckets follow the wall clock: the UTC grid, or :30 in India', () => {
    const quarter = bucketsBetween('15m', '2026-01-01T00:10:00Z', '2026-01-01T01:00:00Z', 'America/Santiago');
    expect(quarter.iso).toEqual([
      '2026-01-01T00:10:00.000Z',
      '2026-01-01T00:15:00.000Z',
      '2026-01-01T00:30:00.000Z',
      '2026-01-01T00:45:00.000Z',
      '2026-01-01T01:00:00.000Z',
    ]);
    expect(quarter.grid).toEqual({ step: 900_000, phase: 0 });
    const kolkata = bucketsBetween('1h', '2026-01-01T00:00:00Z', '2026-01-01T02:00:00Z', 'Asia/Kolkata');
    expect(kolkata.iso).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-01-01T00:30:00.000Z',
      '2026-01-01T01:30:00.000Z',
      '2026-01-01T02:00:00.000Z',
    ]);
    expect(kolkata.grid).toEqual({ step: H, phase: H / 2 });
  });

  it('an hour repeated when clocks go back is two buckets', () => {
    // Santiago 2026-04-05 03:00Z: 23:59 −03 becomes 23:00 −04, so local 23:00–24:00 happens twice.
    const { iso: edges, grid } = bucketsBetween(
      '1h',
      '2026-04-05T02:00:00Z',
      '2026-04-05T05:00:00Z',
      'America/Santiago',
    );
    expect(edges).toEqual([
      '2026-04-05T02:00:00.000Z',
      '2026-04-05T03:00:00.000Z',
      '2026-04-05T04:00:00.000Z',
      '2026-04-05T05:00:00.000Z',
    ]);
    expect(grid).toEqual({ step: H, phase: 0 });
  });

  it('a 30-minute DST shift (Lord Howe Island) makes the shift instant a boundary and the grid irregular', () => {
    // 2026-04-05 02:00 +11 → 01:30 +10:30 at 2026-04-04T15:00Z.
    const { iso: edges, grid } = bucketsBetween(
      '1h',
      '2026-04-04T14:00:00Z',
      '2026-04-04T17:00:00Z',
      'Australia/Lord_Howe',
    );
    expect(edges).toEqual([
      '2026-04-04T14:00:00.000Z',
      '2026-04-04T15:00:00.000Z',
      '2026-04-04T15:30:00.000Z',
      '2026-04-04T16:30:00.000Z',
      '2026-04-04T17:00:00.000Z',
    ]);
    expect(grid).toBeNull();
  });

  it('finds the bucket of an instant by bisection', () => {
    const edges = [0, 10, 20, 35];
    expect([-1, 0, 9, 10, 34, 35].map((t) => bucketIndex(edges, t))).toEqual([-1, 0, 0, 1, 2, -1]);
  });
});
