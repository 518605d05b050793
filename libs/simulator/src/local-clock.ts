import { offsetAt } from '@medido/measurements';

const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export interface LocalTime {
  /** Hours since local midnight, fractional (0 ≤ hour < 24). */
  hour: number;
  /** 0 = Sunday … 6 = Saturday, in the zone. */
  weekday: number;
  /** Days since 1970-01-01 in local civil time: a stable key for "this local day". */
  day: number;
}

const offsets = new Map<string, number>();
const MAX_CACHED_OFFSETS = 50_000;

/**
 * The zone's UTC offset at the start of the UTC hour holding `t` (ms). Cached per zone and hour:
 * Intl is slow and zone transitions of the fleet's zones fall on whole UTC hours.
 */
export function utcOffsetMs(timeZone: string, t: number): number {
  const hourStart = Math.floor(t / HOUR_MS) * HOUR_MS;
  const key = `${timeZone}|${hourStart}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  const offset = offsetAt(timeZone, hourStart);
  if (offsets.size >= MAX_CACHED_OFFSETS) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/** Civil time in `timeZone` at instant `t`: what people there see on the wall clock. */
export function localTime(timeZone: string, t: number): LocalTime {
  const wall = t + utcOffsetMs(timeZone, t);
  const day = Math.floor(wall / DAY_MS);
  return { hour: (wall - day * DAY_MS) / HOUR_MS, weekday: (((day + 4) % 7) + 7) % 7, day };
}
