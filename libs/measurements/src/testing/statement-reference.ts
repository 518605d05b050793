import type { StoredReading } from '../measurements-store.port.ts';

/**
 * A fixture for consumption statements and their answers computed directly in plain TypeScript, from
 * the readings alone (no store, no SQL, no read-api code): what a person checking a bill against the
 * meter's display would compute. Used by the store's chDB test and the read API's HTTP tests.
 */

const H = 3_600_000;
const T = (iso: string) => Date.parse(iso);

/** Register `energy` (kWh, 3 decimals, read hourly) and `power` (instantaneous, never in a statement). */
export const ENERGY = 'energy';
export const POWER = 'power';

export interface StatementFixture {
  /** Insert in this order, one batch each: later batches hold late readings and re-sent corrections. */
  batches: StoredReading[][];
}

function hourly(
  deviceId: string,
  fromIso: string,
  toIso: string,
  start: number,
  step: (i: number) => number,
  skip: (ts: number) => boolean = () => false,
): StoredReading[] {
  const out: StoredReading[] = [];
  let value = start;
  let i = 0;
  for (let ts = T(fromIso); ts <= T(toIso); ts += H, i++) {
    if (skip(ts)) continue;
    value = Math.round((value + step(i)) * 1000) / 1000;
    const quality = i % 97 === 5 ? 'estimated' : i % 131 === 7 ? 'substituted' : 'measured';
    out.push({ deviceId, variable: ENERGY, ts, value, quality, ingestedAt: ts + 60_000 });
  }
  return out;
}

/**
 * Meters of installation `inst-1` (America/Santiago) from late March to early October 2026:
 * - `m1` (unit-a): hourly, a 10-hour gap on 10 April, a reset to a low value on 20 April 12:00 UTC;
 *   readings at exactly the April period's start and end; an hour of 15 April arrives a day late, and
 *   six readings of 16 April are re-sent later with corrected values (the corrections win);
 * - `m2` (unit-a): starts on 12 April (no reading before April: its opening is inside the period);
 * - `m3` (unit-b): hourly until 20 August, then silent (September opens and closes on that reading);
 * - `m4` (no unit: the installation's own meter): hourly, with a reset in September.
 */
export function statementFixture(): StatementFixture {
  const step = (i: number) => ((i * 37) % 1000) / 1000 + 0.5;
  const m1all = hourly(
    'm1',
    '2026-03-25T00:00:00Z',
    '2026-10-05T00:00:00Z',
    12_345.678,
    step,
    (ts) => ts >= T('2026-04-10T05:00:00Z') && ts < T('2026-04-10T15:00:00Z'),
  );
  const resetAt = T('2026-04-20T12:00:00Z');
  const m1 = m1all.map((r) => (r.ts >= resetAt ? { ...r, value: Math.round((r.value - 12_000) * 1000) / 1000 } : r));
  const lateHour = (r: StoredReading) => r.ts >= T('2026-04-15T00:00:00Z') && r.ts < T('2026-04-15T01:00:00Z');
  const resent = m1.filter((r) => r.ts >= T('2026-04-16T00:00:00Z') && r.ts < T('2026-04-16T06:00:00Z'));
  const m2 = hourly('m2', '2026-04-12T07:30:00Z', '2026-10-05T00:00:00Z', 50.5, (i) => ((i * 13) % 100) / 100);
  const m3 = hourly('m3', '2026-03-25T00:00:00Z', '2026-08-20T00:00:00Z', 7.25, (i) => ((i * 7) % 10) / 10);
  const m4all = hourly('m4', '2026-03-25T00:00:00Z', '2026-10-05T00:00:00Z', 900, (i) => ((i * 11) % 500) / 1000);
  const m4reset = T('2026-09-14T09:00:00Z');
  const m4 = m4all.map((r) => (r.ts >= m4reset ? { ...r, value: Math.round((r.value - 850) * 1000) / 1000 } : r));
  const power: StoredReading[] = [0, 1, 2].map((i) => ({
    deviceId: 'm1',
    variable: POWER,
    ts: T('2026-04-02T00:00:00Z') + i * H,
    value: 3 + i,
    quality: 'measured',
    ingestedAt: T('2026-04-02T03:00:00Z'),
  }));
  return {
    batches: [
      [...m1.filter((r) => !lateHour(r)), ...power],
      [...m2, ...m3, ...m4],
      // A day late: the readings of one hour, in another batch.
      m1.filter(lateHour).map((r) => ({ ...r, ingestedAt: r.ts + 86_400_000 })),
      // Re-sent later with corrections (and a substituted quality): the latest ingestion wins.
      resent.map((r) => ({
        ...r,
        value: Math.round((r.value + 0.25) * 1000) / 1000,
        quality: 'substituted' as const,
        ingestedAt: T('2026-04-17T00:00:00Z'),
      })),
    ],
  };
}

export interface ReferenceReading {
  ts: number;
  value: number;
}
export interface ReferenceStatement {
  opening: ReferenceReading | null;
  closing: ReferenceReading | null;
  resets: { before: ReferenceReading; after: ReferenceReading }[];
  consumption: number;
  increases: number;
  estimated: number;
  substituted: number;
}

/** The readings of one series as stored: one per ts, the latest ingested wins; in time order. */
export function storedSeries(batches: StoredReading[][], deviceId: string, variable: string): StoredReading[] {
  const byTs = new Map<number, StoredReading>();
  for (const r of batches.flat()) {
    if (r.deviceId !== deviceId || r.variable !== variable) continue;
    const had = byTs.get(r.ts);
    if (!had || had.ingestedAt <= r.ingestedAt) byTs.set(r.ts, r);
  }
  return [...byTs.values()].sort((a, b) => a.ts - b.ts);
}

/**
 * The statement of [from, to) by walking the readings: opening = last at or before `from`, else first
 * after it; closing = last at or before `to`; each consecutive pair ending in (from, to] adds its
 * increase (the new value after a drop). Sums are exact: values are added as integers of thousandths.
 */
export function referenceStatement(series: StoredReading[], from: number, to: number): ReferenceStatement {
  const upTo = series.filter((r) => r.ts <= to);
  const before = upTo.filter((r) => r.ts <= from);
  const opening = before.at(-1) ?? upTo.find((r) => r.ts > from) ?? null;
  const closing = upTo.at(-1) ?? null;
  const milli = (v: number) => Math.round(v * 1000);
  let sum = 0;
  let increases = 0;
  let estimated = 0;
  let substituted = 0;
  const resets: ReferenceStatement['resets'] = [];
  for (let i = 1; i < upTo.length; i++) {
    const [a, b] = [upTo[i - 1]!, upTo[i]!];
    if (b.ts <= from) continue;
    increases += 1;
    if (b.quality === 'estimated') estimated += 1;
    if (b.quality === 'substituted') substituted += 1;
    if (b.value < a.value) {
      resets.push({ before: { ts: a.ts, value: a.value }, after: { ts: b.ts, value: b.value } });
      sum += milli(b.value);
    } else sum += milli(b.value) - milli(a.value);
  }
  const pick = (r: StoredReading | null) => (r ? { ts: r.ts, value: r.value } : null);
  return {
    opening: pick(opening),
    closing: pick(closing),
    resets,
    consumption: sum / 1000,
    increases,
    estimated,
    substituted,
  };
}
