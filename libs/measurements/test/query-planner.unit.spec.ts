import { describe, expect, it } from 'vitest';
import type { MeasurementsQuery } from '../src/measurements-store.port.ts';
import { planQuery, type PlannerContext } from '../src/query-planner.ts';

const context: PlannerContext = { rollupTimezone: 'America/Santiago', dayRollupUsable: true };
const query = (over: Partial<MeasurementsQuery>): MeasurementsQuery => ({
  series: [{ deviceId: 'dev-1', variable: 'active_energy_import', kind: 'cumulative', aggregation: 'delta' }],
  from: Date.parse('2026-04-01T03:00:00Z'),
  to: Date.parse('2026-05-01T04:00:00Z'),
  frequency: '1d',
  timezone: 'America/Santiago',
  ...over,
});

describe('query planner', () => {
  it('serves calendar buckets in the rollup zone from the 1 d rollup', () => {
    expect(planQuery(query({}), context).source).toBe('1d');
    expect(planQuery(query({ frequency: '1w' }), context).source).toBe('1d');
    expect(planQuery(query({ frequency: '1mo' }), context).source).toBe('1d');
  });

  it('composes days of other zones from hours, or from quarters where days start at :30', () => {
    const madrid = {
      from: Date.parse('2026-03-01T00:00:00+01:00'),
      to: Date.parse('2026-04-01T00:00:00+02:00'),
      timezone: 'Europe/Madrid',
    };
    expect(planQuery(query(madrid), context).source).toBe('1h');
    const kolkata = {
      from: Date.parse('2026-03-01T00:00:00+05:30'),
      to: Date.parse('2026-04-01T00:00:00+05:30'),
      timezone: 'Asia/Kolkata',
    };
    expect(planQuery(query(kolkata), context).source).toBe('15m');
  });

  it('uses the raw table when a window end is not on a rollup boundary, and for raw readings', () => {
    expect(planQuery(query({ from: Date.parse('2026-04-01T03:07:00Z') }), context).source).toBe('raw');
    expect(
      planQuery(
        query({ frequency: '15m', from: Date.parse('2026-04-01T03:00:00Z'), to: Date.parse('2026-04-01T05:00:00Z') }),
        context,
      ).source,
    ).toBe('15m');
    const raw = planQuery(query({ frequency: 'raw' }), context);
    expect([raw.source, raw.buckets]).toEqual(['raw', null]);
  });

  it("never uses the 1 d rollup once the rollup zone's rules changed under it", () => {
    expect(planQuery(query({}), { ...context, dayRollupUsable: false }).source).toBe('1h');
  });

  it('lets tests force an exact source and refuses an inexact one', () => {
    expect(planQuery(query({ source: 'raw' }), context).source).toBe('raw');
    expect(planQuery(query({ source: '15m' }), context).source).toBe('15m');
    const madrid = {
      from: Date.parse('2026-03-01T00:00:00+01:00'),
      to: Date.parse('2026-04-01T00:00:00+02:00'),
      timezone: 'Europe/Madrid',
    };
    expect(() => planQuery(query({ ...madrid, source: '1d' }), context)).toThrow(
      expect.objectContaining({ code: 'MEASUREMENTS_PARAMETER_INVALID' }),
    );
    expect(() => planQuery(query({ frequency: 'raw', source: '1h' }), context)).toThrow(
      expect.objectContaining({ code: 'MEASUREMENTS_PARAMETER_INVALID' }),
    );
  });

  it('rejects unknown zones and empty or reversed windows', () => {
    expect(() => planQuery(query({ timezone: 'Mars/Olympus' }), context)).toThrow(
      expect.objectContaining({ code: 'TIMEZONE_UNKNOWN' }),
    );
    const from = Date.parse('2026-04-01T03:00:00Z');
    expect(() => planQuery(query({ from, to: from }), context)).toThrow(
      expect.objectContaining({ code: 'MEASUREMENTS_WINDOW_INVALID' }),
    );
    expect(() => planQuery(query({ from: Number.NaN }), context)).toThrow(
      expect.objectContaining({ code: 'MEASUREMENTS_WINDOW_INVALID' }),
    );
  });
});
