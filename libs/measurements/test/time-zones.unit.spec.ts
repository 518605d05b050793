import { MedidoError } from '@medido/platform';
import { describe, expect, it } from 'vitest';
import { assertTimeZone, isValidTimeZone, offsetAt, offsetSegments } from '../src/time-zones.ts';

describe('time zones', () => {
  it('knows IANA zones and their aliases, and rejects anything else with TIMEZONE_UNKNOWN', () => {
    expect(['America/Santiago', 'Chile/Continental', 'Asia/Kolkata', 'UTC'].map(isValidTimeZone)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['Mars/Olympus', '', 'America/Santiago; DROP'].map(isValidTimeZone)).toEqual([false, false, false]);
    expect(() => assertTimeZone('Mars/Olympus')).toThrow(
      expect.objectContaining({ code: 'TIMEZONE_UNKNOWN' }) as MedidoError,
    );
  });

  it('reads offsets, including half hours and local mean time with seconds', () => {
    expect(offsetAt('America/Santiago', Date.parse('2026-01-15T12:00:00Z'))).toBe(-3 * 3_600_000);
    expect(offsetAt('America/Santiago', Date.parse('2026-06-15T12:00:00Z'))).toBe(-4 * 3_600_000);
    expect(offsetAt('Asia/Kolkata', Date.parse('2026-06-15T12:00:00Z'))).toBe(5.5 * 3_600_000);
    expect(offsetAt('UTC', 0)).toBe(0);
    expect(offsetAt('America/Santiago', Date.parse('1880-01-01T00:00:00Z')) % 60_000).not.toBe(0);
  });

  it('splits a year into constant-offset segments at the exact change instants', () => {
    const segments = offsetSegments(
      'America/Santiago',
      Date.parse('2026-01-01T00:00:00Z'),
      Date.parse('2026-12-31T00:00:00Z'),
    );
    expect(segments.map((s) => [new Date(s.start).toISOString(), s.offset / 3_600_000])).toEqual([
      ['2026-01-01T00:00:00.000Z', -3],
      ['2026-04-05T03:00:00.000Z', -4],
      ['2026-09-06T04:00:00.000Z', -3],
    ]);
  });
});
