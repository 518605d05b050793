import type { Frequency } from '@medido/measurements';

const DAY_MS = 86_400_000;

/**
 * Per-request limits, part of the API contract (published in the OpenAPI description). Windows are
 * bounded per frequency so one request cannot ask the engine for an unbounded scan; each limit fits any
 * calendar month (raw) or year (15m) in any zone, DST included. Answers larger than one page continue
 * with `nextCursor`, never truncated silently.
 */
export interface ReadApiLimits {
  /** Longest window per frequency, in days. */
  maxWindowDays: Record<Frequency, number>;
  /** Points (readings or buckets) per measurements page: default and largest `limit`. */
  measurementsPageDefault: number;
  measurementsPageMax: number;
  /** Items per catalog page: default and largest `limit`. */
  catalogPageDefault: number;
  catalogPageMax: number;
  /** Most `deviceIds` and `variables` entries in one measurements request. */
  maxDeviceIds: number;
  maxVariables: number;
  /** first/last grouped across meters are computed from the readings: window bound of that path, in days. */
  maxGroupedFirstLastWindowDays: number;
}

export const DEFAULT_LIMITS: ReadApiLimits = {
  maxWindowDays: { raw: 32, '15m': 367, '1h': 1_100, '1d': 7_320, '1w': 36_600, '1mo': 36_600, '1y': 36_600 },
  measurementsPageDefault: 20_000,
  measurementsPageMax: 100_000,
  catalogPageDefault: 100,
  catalogPageMax: 1_000,
  maxDeviceIds: 1_000,
  maxVariables: 100,
  maxGroupedFirstLastWindowDays: 367,
};

export function maxWindowMs(limits: ReadApiLimits, frequency: Frequency): number {
  return limits.maxWindowDays[frequency] * DAY_MS;
}

export function resolveLimits(overrides: Partial<ReadApiLimits> = {}): ReadApiLimits {
  return {
    ...DEFAULT_LIMITS,
    ...overrides,
    maxWindowDays: { ...DEFAULT_LIMITS.maxWindowDays, ...overrides.maxWindowDays },
  };
}
