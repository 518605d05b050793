import { HOUR, localDay, offsetAt } from '@medido/measurements';
import { MedidoError } from '@medido/platform';
import { parseInstant } from '../measurements/measurements-query.ts';

/** A billing period [from, to) in ms, and how it was given. */
export interface BillingPeriod {
  from: number;
  to: number;
  month: string | null;
  hours: number;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Longest period, in days: a statement is for a billing period, not a history (a year and a day of slack). */
export const MAX_PERIOD_DAYS = 367;

const invalid = (detail: string) => new MedidoError('MEASUREMENTS_WINDOW_INVALID', detail);
/** Calendar years a statement can start in: inside the storable instants (READING_LIMITS of @medido/contracts). */
const YEARS = [1971, 2105] as const;
function checkYear(year: number, name: string): void {
  if (year < YEARS[0] || year > YEARS[1]) throw invalid(`${name} must be in the years ${YEARS[0]}–${YEARS[1]}`);
}

/** The instant a local calendar day starts in `zone` (01:00 where a DST jump skips midnight), as 1d buckets start. */
export function localDayStart(year: number, month: number, day: number, zone: string): number {
  const noonUtc = Date.UTC(year, month, day, 12);
  return localDay(noonUtc - offsetAt(zone, noonUtc), zone)[0];
}

/** `from`/`to`: a date (that local day's start in the zone) or an RFC 3339 date-time with an offset. */
function boundary(text: string, name: 'from' | 'to', zone: string): number {
  const m = DATE.exec(text);
  if (!m) return parseInstant(text, name);
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  checkYear(y, name);
  const probe = new Date(Date.UTC(y, mo, d));
  if (probe.getUTCMonth() !== mo || probe.getUTCDate() !== d)
    throw invalid(`${name} is not a valid calendar date: ${JSON.stringify(text)}`);
  return localDayStart(y, mo, d, zone);
}

function monthPeriod(year: number, month: number, zone: string): BillingPeriod {
  const from = localDayStart(year, month, 1, zone);
  const to = localDayStart(month === 11 ? year + 1 : year, (month + 1) % 12, 1, zone);
  return { from, to, month: `${year}-${String(month + 1).padStart(2, '0')}`, hours: (to - from) / HOUR };
}

/**
 * The period of a statement in the installation's zone: `month=YYYY-MM` (that calendar month), or
 * `from` and `to` (dates are local midnights, date-times need an offset), or by default the calendar
 * month holding `now`. Its length in hours follows the zone's clock changes (743 or 745 h in a 31-day
 * month with a DST change).
 */
export function billingPeriod(
  q: { month?: string | undefined; from?: string | undefined; to?: string | undefined },
  zone: string,
  now: number,
): BillingPeriod {
  if (q.month !== undefined && (q.from !== undefined || q.to !== undefined))
    throw invalid('give either month or from and to, not both');
  if ((q.from === undefined) !== (q.to === undefined))
    throw invalid('from and to go together (the period is [from, to))');
  if (q.month !== undefined) {
    const m = MONTH.exec(q.month);
    if (!m) throw invalid(`month must be YYYY-MM, e.g. 2026-04 (got ${JSON.stringify(q.month.slice(0, 32))})`);
    checkYear(Number(m[1]), 'month');
    return monthPeriod(Number(m[1]), Number(m[2]) - 1, zone);
  }
  if (q.from === undefined || q.to === undefined) {
    const wall = new Date(now + offsetAt(zone, now));
    return monthPeriod(wall.getUTCFullYear(), wall.getUTCMonth(), zone);
  }
  const from = boundary(q.from, 'from', zone);
  const to = boundary(q.to, 'to', zone);
  if (from >= to) throw invalid('from must be before to (the period is [from, to))');
  if (to - from > MAX_PERIOD_DAYS * 24 * HOUR)
    throw new MedidoError('MEASUREMENTS_WINDOW_TOO_LARGE', `a statement covers at most ${MAX_PERIOD_DAYS} days`);
  return { from, to, month: null, hours: (to - from) / HOUR };
}
