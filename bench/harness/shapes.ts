import type { BenchMode } from './context.ts';
import type { FleetShape } from './fleet.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Sizes per mode. Full: 1 000 meters with a year of 3-hourly readings, the first 100 at 15 minutes over
 * the last 30 days — 3.18 M readings, enough for ≥ 60 s of ingest and for the query shapes the issue
 * names. Smoke: the same shapes, small enough for CI (every row, no meaningful timing).
 */
export const FLEETS: Record<BenchMode, FleetShape> = {
  full: {
    units: 10,
    metersPerUnit: 100,
    historyDays: 365,
    historyStepMs: 3 * HOUR,
    recentDays: 30,
    recentStepMs: 15 * MINUTE,
    readingsPerRequest: 1_000,
  },
  smoke: {
    units: 2,
    metersPerUnit: 10,
    historyDays: 365,
    historyStepMs: DAY,
    recentDays: 30,
    recentStepMs: 15 * MINUTE,
    readingsPerRequest: 1_000,
  },
};

/** The fleet's data ends at the UTC midnight before yesterday's: every reading is in the past. */
export function fleetEnd(now = Date.now()): number {
  return Math.floor(now / DAY) * DAY - DAY;
}
