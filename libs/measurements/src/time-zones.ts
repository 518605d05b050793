import { MedidoError } from '@medido/platform';

/**
 * The one home of time zones (store, read API, simulator): validation and canonical IANA names, UTC
 * offsets from the runtime's zone database (ICU; Node ships tzdata), and constant-offset segments.
 * Bucket boundaries are computed from these segments with plain arithmetic, so a year of 15-minute
 * buckets costs no Intl call per bucket.
 */

const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', timeZoneName: 'longOffset' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows the IANA zone (names are case-insensitive in ICU; aliases resolve). */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Throws TIMEZONE_UNKNOWN (400) unless the zone is known. */
export function assertTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone))
    throw new MedidoError('TIMEZONE_UNKNOWN', `unknown IANA time zone: ${JSON.stringify(timeZone)}`);
}

/** IANA names only: letters first, so numeric offsets such as "+03:00" (which Intl accepts) are refused. */
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** The canonical IANA name of `zone` (case-insensitive input, aliases resolved), or a TIMEZONE_UNKNOWN problem. */
export function canonicalTimeZone(zone: string): string {
  if (zone.length > 64 || !IANA_NAME.test(zone))
    throw new MedidoError(
      'TIMEZONE_UNKNOWN',
      `${JSON.stringify(zone)} is not an IANA time zone name (e.g. America/Santiago)`,
    );
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw new MedidoError(
      'TIMEZONE_UNKNOWN',
      `unknown time zone ${JSON.stringify(zone)}: use an IANA name such as America/Santiago`,
    );
  }
}

/** Offset (ms, east positive) of the zone at instant `t` ("3 AM GMT-03:00" → −10 800 000; LMT offsets carry seconds). */
export function offsetAt(timeZone: string, t: number): number {
  const text = formatter(timeZone).format(t);
  const m = /GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!m) throw new Error(`cannot read the UTC offset from ${JSON.stringify(text)}`);
  if (!m[1]) return 0;
  const ms = ((Number(m[2]) * 60 + Number(m[3])) * 60 + Number(m[4] ?? 0)) * 1000;
  return m[1] === '-' ? -ms : ms;
}

/** [start, end) during which the zone's offset is constant. */
export interface OffsetSegment {
  start: number;
  end: number;
  offset: number;
}

/**
 * Constant-offset segments covering at least [from, to], from a per-zone, per-year cache (a year
 * costs ~400 Intl calls once per process).
 */
export function offsetSegments(timeZone: string, from: number, to: number): OffsetSegment[] {
  const out: OffsetSegment[] = [];
  for (let y = new Date(from).getUTCFullYear(); y <= new Date(to).getUTCFullYear(); y++) {
    for (const seg of yearSegments(timeZone, y)) {
      const last = out.at(-1);
      if (last && last.offset === seg.offset && last.end === seg.start) out[out.length - 1] = { ...last, end: seg.end };
      else out.push(seg);
    }
  }
  return out;
}

const years = new Map<string, OffsetSegment[]>();
const MAX_CACHED_YEARS = 4096;

function yearSegments(timeZone: string, year: number): OffsetSegment[] {
  const key = `${timeZone}|${year}`;
  let segs = years.get(key);
  if (!segs) {
    // Daily samples: no zone changes its offset twice within a day.
    segs = sampleSegments(timeZone, Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1), DAY);
    if (years.size >= MAX_CACHED_YEARS) years.clear();
    years.set(key, segs);
  }
  return segs;
}

/** Segments of [from, to): offsets sampled every `step` ms, each change located to the ms by bisection. */
export function sampleSegments(timeZone: string, from: number, to: number, step: number): OffsetSegment[] {
  const segments: OffsetSegment[] = [];
  let start = from;
  let offset = offsetAt(timeZone, from);
  for (let t = from; t < to;) {
    const next = Math.min(t + step, to);
    const nextOffset = offsetAt(timeZone, next);
    if (nextOffset !== offset) {
      let lo = t; // offset(lo) === offset
      let hi = next; // offset(hi) !== offset
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(timeZone, mid) === offset) lo = mid;
        else hi = mid;
      }
      segments.push({ start, end: hi, offset });
      start = hi;
      offset = offsetAt(timeZone, hi);
      if (offset !== nextOffset) {
        t = hi;
        continue;
      } // another change before `next`
    }
    t = next;
  }
  segments.push({ start, end: to, offset });
  return segments;
}

/** Wall-clock time at `t` expressed as ms of a UTC calendar (so Date.UTC arithmetic applies to it). */
export function wallTime(segments: OffsetSegment[], t: number): number {
  const seg = segments.find((s) => t >= s.start && t < s.end) ?? segments.at(-1)!;
  return t + seg.offset;
}

/**
 * Maps increasing wall-clock values to the FIRST instant whose wall-clock time is ≥ the value: a
 * local midnight skipped by a DST jump maps to the jump (that day starts at 01:00), a repeated hour
 * belongs to the bucket that began first. Calls must come in increasing order.
 */
export function wallToInstant(segments: OffsetSegment[]): (wall: number) => number {
  let i = 0;
  return (wall) => {
    for (; i < segments.length; i++) {
      const { start, end, offset } = segments[i]!;
      if (wall <= start + offset) return start;
      if (wall < end + offset) return wall - offset;
    }
    const last = segments.at(-1)!;
    return wall - last.offset;
  };
}
