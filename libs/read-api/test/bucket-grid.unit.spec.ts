import { describe, expect, it } from 'vitest';
import { bucketGrid, bucketIndexOf } from '../src/measurements/bucket-grid.ts';
import { canonicalTimeZone } from '@medido/measurements';
import { zonedFormatter } from '../src/measurements/zoned-time.ts';

const grid = (from: string, to: string, frequency: Parameters<typeof bucketGrid>[2], zone: string) => {
  const g = bucketGrid(Date.parse(from), Date.parse(to), frequency, zone);
  const fmt = zonedFormatter(zone);
  return g.buckets.edges.map(fmt);
};
const hours = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 3_600_000;

describe('calendar buckets in America/Santiago across the 2026 DST changes', () => {
  it('4 April 2026 lasts 25 hours (clocks go back at 24:00 -03)', () => {
    const b = grid('2026-04-04T00:00:00-03:00', '2026-04-06T00:00:00-04:00', '1d', 'America/Santiago');
    expect(b).toEqual(['2026-04-04T00:00:00-03:00', '2026-04-05T00:00:00-04:00', '2026-04-06T00:00:00-04:00']);
    expect(hours(b[0]!, b[1]!)).toBe(25);
  });

  it('6 September 2026 lasts 23 hours and starts at 01:00, since 00:00 does not exist', () => {
    const b = grid('2026-09-05T00:00:00-04:00', '2026-09-08T00:00:00-03:00', '1d', 'America/Santiago');
    expect(b).toEqual([
      '2026-09-05T00:00:00-04:00',
      '2026-09-06T01:00:00-03:00',
      '2026-09-07T00:00:00-03:00',
      '2026-09-08T00:00:00-03:00',
    ]);
    expect(hours(b[1]!, b[2]!)).toBe(23);
  });

  it('months start at local midnight in the offset of their first day', () => {
    expect(grid('2026-03-01T00:00:00-03:00', '2026-06-01T00:00:00-04:00', '1mo', 'America/Santiago')).toEqual([
      '2026-03-01T00:00:00-03:00',
      '2026-04-01T00:00:00-03:00',
      '2026-05-01T00:00:00-04:00',
      '2026-06-01T00:00:00-04:00',
    ]);
  });

  it('weeks are ISO weeks, starting on Monday', () => {
    expect(grid('2026-04-01T00:00:00-03:00', '2026-04-15T00:00:00-04:00', '1w', 'America/Santiago')).toEqual([
      '2026-04-01T00:00:00-03:00',
      '2026-04-06T00:00:00-04:00',
      '2026-04-13T00:00:00-04:00',
      '2026-04-15T00:00:00-04:00',
    ]);
  });

  it('years', () => {
    expect(grid('2025-01-01T00:00:00-03:00', '2027-01-01T00:00:00-03:00', '1y', 'America/Santiago')).toEqual([
      '2025-01-01T00:00:00-03:00',
      '2026-01-01T00:00:00-03:00',
      '2027-01-01T00:00:00-03:00',
    ]);
  });
});

describe('calendar buckets in another zone', () => {
  it('Europe/Madrid: 29 March 2026 lasts 23 hours, 25 October 25 hours', () => {
    const spring = grid('2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00', '1d', 'Europe/Madrid');
    expect(spring).toEqual(['2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00']);
    expect(hours(spring[0]!, spring[1]!)).toBe(23);
    const autumn = grid('2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00', '1d', 'Europe/Madrid');
    expect(hours(autumn[0]!, autumn[1]!)).toBe(25);
  });

  it('Asia/Kathmandu days start at its +05:45 midnight', () => {
    expect(grid('2026-01-01T00:00:00+05:45', '2026-01-03T00:00:00+05:45', '1d', 'Asia/Kathmandu')).toEqual([
      '2026-01-01T00:00:00+05:45',
      '2026-01-02T00:00:00+05:45',
      '2026-01-03T00:00:00+05:45',
    ]);
  });
});

describe('fixed buckets and clipping', () => {
  it("1h buckets are the zone's wall-clock hours; a window off the boundaries gets clipped first and last buckets", () => {
    expect(grid('2026-04-04T10:20:00Z', '2026-04-04T12:30:00Z', '1h', 'UTC')).toEqual([
      '2026-04-04T10:20:00Z',
      '2026-04-04T11:00:00Z',
      '2026-04-04T12:00:00Z',
      '2026-04-04T12:30:00Z',
    ]);
  });

  it('15m buckets across the April change keep 15-minute spacing while the offset changes', () => {
    const b = grid('2026-04-05T03:30:00Z', '2026-04-05T04:30:00Z', '15m', 'America/Santiago');
    expect(b).toEqual([
      '2026-04-04T23:30:00-04:00',
      '2026-04-04T23:45:00-04:00',
      '2026-04-05T00:00:00-04:00',
      '2026-04-05T00:15:00-04:00',
      '2026-04-05T00:30:00-04:00',
    ]);
  });

  it('a day window starting mid-day has a clipped first day', () => {
    expect(grid('2026-04-04T12:00:00-03:00', '2026-04-06T00:00:00-04:00', '1d', 'America/Santiago')).toEqual([
      '2026-04-04T12:00:00-03:00',
      '2026-04-05T00:00:00-04:00',
      '2026-04-06T00:00:00-04:00',
    ]);
  });

  it('1h buckets in Asia/Kolkata (+05:30) start on local hours', () => {
    expect(grid('2026-01-01T00:00:00+05:30', '2026-01-01T02:00:00+05:30', '1h', 'Asia/Kolkata')).toEqual([
      '2026-01-01T00:00:00+05:30',
      '2026-01-01T01:00:00+05:30',
      '2026-01-01T02:00:00+05:30',
    ]);
  });

  it('bucketIndexOf places an instant by a ≤ t < b', () => {
    const g = bucketGrid(Date.parse('2026-04-04T00:00:00Z'), Date.parse('2026-04-04T03:00:00Z'), '1h', 'UTC');
    expect(bucketIndexOf(g, Date.parse('2026-04-04T01:00:00Z'))).toBe(1);
    expect(bucketIndexOf(g, Date.parse('2026-04-04T00:59:59.999Z'))).toBe(0);
    expect(bucketIndexOf(g, Date.parse('2026-04-04T03:00:00Z'))).toBe(-1);
  });
});

describe('time zone names', () => {
  it('canonicalises IANA names and refuses unknown zones and bare offsets', () => {
    expect(canonicalTimeZone('america/santiago')).toBe('America/Santiago');
    expect(() => canonicalTimeZone('Mars/Olympus_Mons')).toThrow(expect.objectContaining({ code: 'TIMEZONE_UNKNOWN' }));
    expect(() => canonicalTimeZone('+03:00')).toThrow(expect.objectContaining({ code: 'TIMEZONE_UNKNOWN' }));
  });

  it('formats instants in the zone offset, with milliseconds only when present', () => {
    expect(zonedFormatter('America/Santiago')(Date.parse('2026-06-01T12:00:00.125Z'))).toBe(
      '2026-06-01T08:00:00.125-04:00',
    );
    expect(zonedFormatter('UTC')(Date.parse('2026-06-01T12:00:00Z'))).toBe('2026-06-01T12:00:00Z');
  });
});
