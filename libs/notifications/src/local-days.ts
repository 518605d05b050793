import { localDay } from '@medido/measurements';

/**
 * Local calendar days, by the same rules as the store's 1d buckets (so a closed day is exactly the
 * bucket a consumer re-queries): [start, end) in ms, 23 or 25 hours on DST days.
 */
export { localDay };

/**
 * The zone of an installation without one: the read API's default (libs/read-api zoned-time.ts
 * DEFAULT_TIMEZONE), so a day closed here is the day a reader gets; a unit test keeps them equal.
 */
export const DEFAULT_ZONE = 'America/Santiago';

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** YYYY-MM-DD of instant t in the zone ('en-CA' formats dates that way). */
export function localDate(t: number, timeZone: string): string {
  let f = dayFormats.get(timeZone);
  if (!f)
    dayFormats.set(
      timeZone,
      (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })),
    );
  return f.format(t);
}

export const QUARTER_HOUR = 15 * 60_000;
export const floorQuarter = (t: number) => Math.floor(t / QUARTER_HOUR) * QUARTER_HOUR;
