import type { Frequency } from './measurements-store.port.ts';
import { offsetSegments, wallTime, wallToInstant, type OffsetSegment } from './time-zones.ts';

/**
 * Bucket boundaries of a query window [from, to) in a time zone.
 *
 * - 15m and 1h buckets are aligned to the zone's wall clock: a boundary is an instant whose local
 *   time is a multiple of the step. For every zone whose offset is a whole number of hours (all of
 *   the Americas and Europe) that is the UTC grid; for India (+05:30) hours start at :30 UTC. An hour
 *   repeated when clocks go back is two buckets, as on the UTC grid.
 * - 1d, 1w (ISO weeks, from Monday), 1mo and 1y are calendar buckets: each starts at the first instant
 *   of its first local day, so they last 23 h or 25 h across DST changes, and a day whose midnight is
 *   skipped starts at 01:00.
 * - The first and last buckets are clipped to the window: edges[0] = from, edges.at(-1) = to.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const STEP = { '15m': 15 * MINUTE, '1h': HOUR } as const;

/** A regular grid: boundaries are the instants t with (t − phase) mod step = 0. */
export interface Grid {
  step: number;
  phase: number;
}

export interface Buckets {
  /** Strictly increasing; bucket i is [edges[i], edges[i + 1]). */
  edges: number[];
  /** Set when every boundary lies on one regular grid (SQL then computes buckets arithmetically). */
  grid: Grid | null;
}

const mod = (a: number, b: number) => ((a % b) + b) % b;

export function bucketsOf(
  frequency: Exclude<Frequency, 'raw'>,
  from: number,
  to: number,
  timeZone: string,
  segments: OffsetSegment[] = offsetSegments(timeZone, from, to),
): Buckets {
  if (frequency === '15m' || frequency === '1h') return fixedBuckets(STEP[frequency], from, to, segments);
  const next = calendarStepper(frequency, wallTime(segments, from));
  const toInstant = wallToInstant(segments);
  const edges = [from];
  for (;;) {
    const b = toInstant(next());
    if (b >= to) break;
    if (b > edges.at(-1)!) edges.push(b);
  }
  edges.push(to);
  return { edges, grid: null };
}

function fixedBuckets(step: number, from: number, to: number, segments: OffsetSegment[]): Buckets {
  const phases = new Set<number>();
  const edges = [from];
  let previousPhase: number | undefined;
  for (const seg of segments) {
    const start = Math.max(seg.start, from);
    const end = Math.min(seg.end, to);
    if (start >= end) continue;
    const phase = mod(-seg.offset, step);
    phases.add(phase);
    // A change of phase (e.g. a 30-minute DST shift under 1h buckets) makes the change instant a boundary.
    if (previousPhase !== undefined && phase !== previousPhase && start > edges.at(-1)!) edges.push(start);
    previousPhase = phase;
    for (let b = start + mod(phase - start, step); b < end; b += step) {
      if (b > edges.at(-1)!) edges.push(b);
    }
  }
  edges.push(to);
  const [phase] = phases;
  return { edges, grid: phases.size === 1 ? { step, phase: phase! } : null };
}

/** Successive wall-clock starts (as UTC-calendar ms) of the calendar buckets after the one holding `wall`. */
function calendarStepper(frequency: '1d' | '1w' | '1mo' | '1y', wall: number): () => number {
  const d = new Date(wall);
  let y = d.getUTCFullYear();
  let m = d.getUTCMonth();
  let day = d.getUTCDate();
  if (frequency === '1w') day -= (d.getUTCDay() + 6) % 7; // back to Monday (ISO 8601 weeks)
  return () => {
    if (frequency === '1d') day += 1;
    else if (frequency === '1w') day += 7;
    else if (frequency === '1mo') {
      m += 1;
      day = 1;
    } else {
      y += 1;
      m = 0;
      day = 1;
    }
    return Date.UTC(y, m, day);
  };
}

/** Index of the bucket holding `t` (edges[0] ≤ t < edges.at(-1)), by bisection; −1 outside. */
export function bucketIndex(edges: number[], t: number): number {
  if (t < edges[0]! || t >= edges.at(-1)!) return -1;
  let lo = 0;
  let hi = edges.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (edges[mid]! <= t) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** [start, end) of the local calendar day holding instant t (same rules as 1d buckets). */
export function localDay(t: number, timeZone: string): [number, number] {
  const { edges } = bucketsOf('1d', t - 3 * DAY, t + 3 * DAY, timeZone);
  const i = bucketIndex(edges, t);
  return [edges[i]!, edges[i + 1]!];
}
