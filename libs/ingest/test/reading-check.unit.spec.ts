import { describe, expect, it } from 'vitest';
import { MalformedLine, checkReading } from '../src/index.ts';

const NOW = Date.parse('2026-04-04T12:00:00.000Z');
const base = { deviceId: 'dev-1', variable: 'active_energy_import', ts: '2026-04-04T03:00:00.000Z', value: 1 };
const code = (item: unknown) => {
  const checked = checkReading(item, 7, NOW);
  return checked.ok ? 'ok' : checked.rejection.code;
};

describe('checkReading', () => {
  it('normalises the timestamp to UTC with milliseconds and keeps the optional quality', () => {
    expect(checkReading({ ...base, ts: '2026-04-04T00:00:00.98765-03:00', quality: 'substituted' }, 0, NOW)).toEqual({
      ok: true,
      deviceId: 'dev-1',
      reading: { variable: 'active_energy_import', ts: '2026-04-04T03:00:00.987Z', value: 1, quality: 'substituted' },
    });
  });

  it.each([
    ['the earliest storable instant', { ts: '1970-01-02T00:00:00Z' }, 'ok'],
    ['one millisecond before it', { ts: '1970-01-01T23:59:59.999Z' }, 'READING_TIMESTAMP_TOO_OLD'],
    // Issue 12: answered 202, then refused by the engine for ever, stalling its partition.
    ['the epoch (a meter clock reset)', { ts: '1970-01-01T00:00:00Z' }, 'READING_TIMESTAMP_TOO_OLD'],
    ['just before 1970', { ts: '1969-12-31T23:59:59.999Z' }, 'READING_TIMESTAMP_TOO_OLD'],
    ['five minutes ahead (clock skew)', { ts: '2026-04-04T12:05:00.000Z' }, 'ok'],
    ['one millisecond more', { ts: '2026-04-04T12:05:00.001Z' }, 'READING_TIMESTAMP_IN_FUTURE'],
    ['the year 9999', { ts: '9999-12-31T23:59:59Z' }, 'READING_TIMESTAMP_IN_FUTURE'],
    ['no offset', { ts: '2026-04-04T03:00:00' }, 'READING_TIMESTAMP_INVALID'],
    ['an impossible date', { ts: '2026-02-30T03:00:00Z' }, 'READING_TIMESTAMP_INVALID'],
    ['an epoch number as ts', { ts: 1775271600000 }, 'READING_TIMESTAMP_INVALID'],
    ['Infinity', { value: Number.POSITIVE_INFINITY }, 'READING_VALUE_NOT_FINITE'],
    ['NaN', { value: Number.NaN }, 'READING_VALUE_NOT_FINITE'],
    ['a numeric string', { value: '1.5' }, 'READING_INVALID'],
    // Issue 12: 1e308 and 1.7e308 in one day summed to Infinity; the magnitude is bounded at 10^15.
    ['the largest double', { value: Number.MAX_VALUE }, 'READING_VALUE_OUT_OF_RANGE'],
    ['1e308', { value: 1e308 }, 'READING_VALUE_OUT_OF_RANGE'],
    ['exactly 10^15', { value: 1e15 }, 'ok'],
    ['exactly -10^15', { value: -1e15 }, 'ok'],
    ['just above 10^15', { value: 1.000_000_000_000_1e15 }, 'READING_VALUE_OUT_OF_RANGE'],
    ['just below -10^15', { value: -1.000_000_000_000_1e15 }, 'READING_VALUE_OUT_OF_RANGE'],
    ['an unknown quality', { quality: 'guessed' }, 'READING_INVALID'],
    ['an unknown member', { unit: 'kWh' }, 'READING_INVALID'],
    ['an upper-case variable', { variable: 'ActiveEnergy' }, 'READING_INVALID'],
    ['a device id with a space', { deviceId: 'dev 1' }, 'READING_INVALID'],
  ])('%s → %s', (_case, change, expected) => {
    expect(code({ ...base, ...change })).toBe(expected);
  });

  it("refuses an instant past the storable range even when the ingestor's clock is there too", () => {
    const late = Date.parse('2106-01-01T00:00:00.000Z');
    expect(code({ ...base, ts: '2105-12-31T23:59:59.999Z' })).toBe('READING_TIMESTAMP_IN_FUTURE');
    expect(checkReading({ ...base, ts: '2105-12-31T23:59:59.999Z' }, 0, late).ok).toBe(true);
    expect(checkReading({ ...base, ts: '2106-01-01T00:00:00.000Z' }, 0, late)).toMatchObject({
      ok: false,
      rejection: {
        code: 'READING_TIMESTAMP_IN_FUTURE',
        message: 'ts is after the storable range [1970-01-02T00:00:00.000Z, 2106-01-01T00:00:00.000Z)',
      },
    });
  });

  it('rejects non-objects and malformed NDJSON lines with their index', () => {
    expect(checkReading(null, 3, NOW)).toEqual({
      ok: false,
      rejection: { index: 3, code: 'READING_INVALID', message: 'a reading must be an object' },
    });
    expect(code([base])).toBe('READING_INVALID');
    expect(code(new MalformedLine('line is not valid JSON: x', '{"value": NaN}'))).toBe('READING_VALUE_NOT_FINITE');
    expect(code(new MalformedLine('line is not valid JSON: x', '{"value": 1,'))).toBe('READING_INVALID');
  });
});
