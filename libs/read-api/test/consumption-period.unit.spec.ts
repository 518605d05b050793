import { describe, expect, it } from 'vitest';
import { billingPeriod } from '../src/consumption/consumption-period.ts';

const T = (iso: string) => Date.parse(iso);
const NOW = T('2026-12-02T19:00:00Z');

describe("billing periods in the installation's zone", () => {
  it.each([
    ['America/Santiago', '2026-04', '2026-04-01T03:00:00Z', '2026-05-01T04:00:00Z', 721], // 5 April: 25 h
    ['America/Santiago', '2026-09', '2026-09-01T04:00:00Z', '2026-10-01T03:00:00Z', 719], // 6 September: 23 h
    ['Europe/Madrid', '2026-03', '2026-02-28T23:00:00Z', '2026-03-31T22:00:00Z', 743],
    ['Europe/Madrid', '2026-10', '2026-09-30T22:00:00Z', '2026-10-31T23:00:00Z', 745],
    ['UTC', '2028-02', '2028-02-01T00:00:00Z', '2028-03-01T00:00:00Z', 696],
    ['Asia/Kolkata', '2026-12', '2026-11-30T18:30:00Z', '2026-12-31T18:30:00Z', 744],
  ])('%s %s', (zone, month, from, to, hours) => {
    expect(billingPeriod({ month }, zone, NOW)).toEqual({ from: T(from), to: T(to), month, hours });
  });

  it('defaults to the calendar month holding now, in the zone (already December in Kolkata, still November in Santiago)', () => {
    const now = T('2026-11-30T20:00:00Z');
    expect(billingPeriod({}, 'America/Santiago', now).month).toBe('2026-11');
    expect(billingPeriod({}, 'Asia/Kolkata', now).month).toBe('2026-12');
  });

  it('from/to: dates are the local start of the day, date-times keep their offset', () => {
    expect(billingPeriod({ from: '2026-04-01', to: '2026-05-01' }, 'America/Santiago', NOW)).toEqual({
      from: T('2026-04-01T03:00:00Z'),
      to: T('2026-05-01T04:00:00Z'),
      month: null,
      hours: 721,
    });
    expect(billingPeriod({ from: '2026-04-04T12:00:00Z', to: '2026-04-06' }, 'America/Santiago', NOW)).toEqual({
      from: T('2026-04-04T12:00:00Z'),
      to: T('2026-04-06T04:00:00Z'),
      month: null,
      hours: 40,
    });
  });

  it.each([
    [{ month: '2026-13' }, 'MEASUREMENTS_WINDOW_INVALID'],
    [{ month: '26-04' }, 'MEASUREMENTS_WINDOW_INVALID'],
    [{ month: '0050-04' }, 'MEASUREMENTS_WINDOW_INVALID'],
    [{ month: '2026-04', from: '2026-04-01', to: '2026-05-01' }, 'MEASUREMENTS_WINDOW_INVALID'],
    [{ from: '2026-04-01' }, 'MEASUREMENTS_WINDOW_INVALID'],
    [{ from: '2026-02-30', to: '2026-03-01' }, 'MEASUREMENTS_WINDOW_INVALID'],
    [{ from: '2026-04-01T00:00:00', to: '2026-05-01' }, 'MEASUREMENTS_WINDOW_INVALID'],
    [{ from: '2026-05-01', to: '2026-04-01' }, 'MEASUREMENTS_WINDOW_INVALID'],
    [{ from: '2026-01-01', to: '2027-01-04' }, 'MEASUREMENTS_WINDOW_TOO_LARGE'],
  ])('refuses %j with %s', (q, code) => {
    expect(() => billingPeriod(q, 'America/Santiago', NOW)).toThrow(expect.objectContaining({ code }));
  });
});
