import { MAX_READING_MAGNITUDE, MAX_READINGS_PER_EVENT } from './readings.ts';

/**
 * Hand-written acceptance tests for the shapes nearly every reading has, on both sides of the bus:
 * - the ingestor's `IngestReading`: `deviceId`, `variable`, `ts` as `YYYY-MM-DDTHH:mm:ss.sssZ`, a number
 *   `value`, an optional `quality`, nothing else;
 * - the projector's `MeasurementsRecorded` data: `deviceId` and `readings`, each `variable`, `ts`, `value`
 *   and an optional `quality` (what the ingestor writes).
 *
 * Why: the compiled TypeBox check spends most of its time in the `date-time` format (regexes and a
 * split per reading); profiled under the bench's load it was the ingestor's largest cost of its own,
 * and in the projector (which checks every record again) 9 s of a 100 s ingest run.
 *
 * They only ever say "certainly valid": everything they accept, the contract's schema accepts too (the
 * same patterns and length bounds, a calendar-valid date, seconds ≤ 59). Anything else — another
 * offset, leap second, extra member, a wrong type — returns false and goes through the schema as
 * before, so refusals and their messages are unchanged (reading-fast-path.unit.spec.ts compares both
 * on generated readings).
 */

const QUALITIES = new Set(['measured', 'estimated', 'substituted']);
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLower = (c: number) => c >= 97 && c <= 122;
const isAlnum = (c: number) => isDigit(c) || isLower(c) || (c >= 65 && c <= 90);

/** `^[A-Za-z0-9][A-Za-z0-9._:-]*$`, 1–128 characters (`Identifier` in @medido/contracts). */
function isIdentifier(s: string): boolean {
  if (s.length < 1 || s.length > 128 || !isAlnum(s.charCodeAt(0))) return false;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!(isAlnum(c) || c === 46 /* . */ || c === 95 /* _ */ || c === 58 /* : */ || c === 45 /* - */)) return false;
  }
  return true;
}

/** `^[a-z][a-z0-9_]*$`, 1–64 characters (`VariableName`). */
function isVariableName(s: string): boolean {
  if (s.length < 1 || s.length > 64 || !isLower(s.charCodeAt(0))) return false;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!(isLower(c) || isDigit(c) || c === 95)) return false;
  }
  return true;
}

const two = (s: string, at: number) => (s.charCodeAt(at) - 48) * 10 + (s.charCodeAt(at + 1) - 48);

/** `YYYY-MM-DDTHH:mm:ss.sssZ` naming a real calendar day and a time of day without a leap second. */
export function isCanonicalUtc(ts: string): boolean {
  if (ts.length !== 24) return false;
  for (const at of [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22])
    if (!isDigit(ts.charCodeAt(at))) return false;
  if (
    ts[4] !== '-' ||
    ts[7] !== '-' ||
    ts[10] !== 'T' ||
    ts[13] !== ':' ||
    ts[16] !== ':' ||
    ts[19] !== '.' ||
    ts[23] !== 'Z'
  )
    return false;
  const year = two(ts, 0) * 100 + two(ts, 2);
  const month = two(ts, 5);
  const day = two(ts, 8);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (month < 1 || month > 12 || day < 1 || day > (month === 2 && leap ? 29 : DAYS[month]!)) return false;
  return two(ts, 11) <= 23 && two(ts, 14) <= 59 && two(ts, 17) <= 59;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Own enumerable members (JSON.parse makes no others). */
function memberCount(item: Record<string, unknown>): number {
  let members = 0;
  for (const _ in item) members++;
  return members;
}

/** True only when `IngestReading` certainly accepts `item` (a plain object; finiteness and magnitude are checked before). */
export function isPlainValidReading(item: Record<string, unknown>): boolean {
  const { deviceId, variable, ts, value, quality } = item;
  if (
    typeof deviceId !== 'string' ||
    typeof variable !== 'string' ||
    typeof ts !== 'string' ||
    typeof value !== 'number'
  )
    return false;
  const members = memberCount(item);
  if (quality === undefined) {
    if (members !== 4 || Object.hasOwn(item, 'quality')) return false;
  } else if (members !== 5 || typeof quality !== 'string' || !QUALITIES.has(quality)) return false;
  return isIdentifier(deviceId) && isVariableName(variable) && isCanonicalUtc(ts);
}

/** A reading of a `MeasurementsRecorded` event that `RecordedReading` certainly accepts. */
function isPlainRecordedReading(item: unknown): boolean {
  if (!isPlainObject(item)) return false;
  const { variable, ts, value, quality } = item;
  if (typeof variable !== 'string' || typeof ts !== 'string' || typeof value !== 'number') return false;
  if (!(Math.abs(value) <= MAX_READING_MAGNITUDE)) return false; // NaN fails too
  const members = memberCount(item);
  if (quality === undefined) {
    if (members !== 3 || Object.hasOwn(item, 'quality')) return false;
  } else if (members !== 4 || typeof quality !== 'string' || !QUALITIES.has(quality)) return false;
  return isVariableName(variable) && isCanonicalUtc(ts);
}

/** True only when `MeasurementsRecordedData` certainly accepts `data`. */
export function isPlainRecordedData(data: unknown): boolean {
  if (!isPlainObject(data) || memberCount(data) !== 2) return false;
  const { deviceId, readings } = data;
  if (typeof deviceId !== 'string' || !isIdentifier(deviceId) || !Array.isArray(readings)) return false;
  if (readings.length < 1 || readings.length > MAX_READINGS_PER_EVENT) return false;
  for (const reading of readings) if (!isPlainRecordedReading(reading)) return false;
  return true;
}
