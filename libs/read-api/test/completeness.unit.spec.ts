import { describe, expect, it } from 'vitest';
import { bucketGrid } from '../src/measurements/bucket-grid.ts';
import { completeness, coverage, expectedReadings } from '../src/measurements/completeness.ts';
import { parseAggregations } from '../src/measurements/measurements-query.ts';

const T = (iso: string) => Date.parse(iso);
const Q = 900_000;

describe('expected readings and coverage', () => {
  it('a 15-minute register expects 92 readings on the 23-hour day and 100 on the 25-hour day (Santiago)', () => {
    const september = bucketGrid(T('2026-09-05T04:00:00Z'), T('2026-09-08T03:00:00Z'), '1d', 'America/Santiago');
    expect([...expectedReadings(september, [Q])!]).toEqual([96, 92, 96]);
    const april = bucketGrid(T('2026-04-04T03:00:00Z'), T('2026-04-06T04:00:00Z'), '1d', 'America/Santiago');
    expect([...expectedReadings(april, [Q])!]).toEqual([100, 96]);
  });

  it('adds up the meters of a group; unknown as soon as one meter declares no interval', () => {
    const hours = bucketGrid(T('2026-01-01T00:00:00Z'), T('2026-01-01T02:00:00Z'), '1h', 'UTC');
    expect([...expectedReadings(hours, [Q, 300_000])!]).toEqual([16, 16]);
    expect(expectedReadings(hours, [Q, null])).toBeNull();
  });

  it('counts only the instants of the interval inside a clipped bucket', () => {
    const clipped = bucketGrid(T('2026-01-01T00:07:00Z'), T('2026-01-01T01:00:00Z'), '15m', 'UTC');
    expect([...expectedReadings(clipped, [Q])!]).toEqual([0, 1, 1, 1]);
  });

  it('coverage is at most 1, truncated so it reads 1 only when complete; null when unknown', () => {
    expect([coverage(95, 96), coverage(96, 96), coverage(97, 96), coverage(0, 0), coverage(5, null)]).toEqual([
      0.989583,
      1,
      1,
      1,
      null,
    ]);
    expect(coverage(31_535_999, 31_536_000)).toBeLessThan(1);
    expect(completeness(95, 3, 1, 96)).toEqual({
      expected: 96,
      coverage: 0.989583,
      measured: 91,
      estimated: 3,
      substituted: 1,
      complete: false,
    });
    expect(completeness(4, 0, 0, null)).toEqual({
      expected: null,
      coverage: null,
      measured: 4,
      estimated: 0,
      substituted: 0,
      complete: null,
    });
  });
});

describe('aggregation lists', () => {
  it('keeps the order asked and refuses unknown or repeated names with the parameter code', () => {
    expect(parseAggregations('min,max, avg,delta')).toEqual(['min', 'max', 'avg', 'delta']);
    expect(() => parseAggregations('min,median')).toThrow(
      expect.objectContaining({
        code: 'MEASUREMENTS_PARAMETER_INVALID',
        message: expect.stringContaining('"median" is not one of'),
      }),
    );
    expect(() => parseAggregations('min,max,min')).toThrow(
      expect.objectContaining({
        code: 'MEASUREMENTS_PARAMETER_INVALID',
        message: expect.stringContaining('min twice'),
      }),
    );
    expect(() => parseAggregations('min,')).toThrow(
      expect.objectContaining({ code: 'MEASUREMENTS_PARAMETER_INVALID' }),
    );
  });
});
