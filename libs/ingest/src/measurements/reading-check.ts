import {
  IngestReading,
  isPlainValidReading,
  MAX_READING_MAGNITUDE,
  READING_LIMITS,
  STORABLE_RANGE_TEXT,
  validate,
  type ItemRejectionCode,
  type RecordedReading,
} from '@medido/contracts';

export interface Rejection {
  index: number;
  code: ItemRejectionCode;
  message: string;
}

/**
 * An item refused before its own check (an NDJSON line that is not JSON or has a refused member, a
 * broken CloudEvent): kept in place so it is rejected with its index.
 */
export class MalformedLine {
  readonly reason: string;
  readonly code: ItemRejectionCode;
  constructor(reason: string, line: string, code?: ItemRejectionCode) {
    this.reason = reason;
    // JSON has no NaN or Infinity; a meter pipeline that prints them deserves a precise answer.
    this.code =
      code ?? (/"value"\s*:\s*[-+]?(?:NaN|Infinity)\b/.test(line) ? 'READING_VALUE_NOT_FINITE' : 'READING_INVALID');
  }
}

export type CheckedReading =
  { ok: true; deviceId: string; reading: RecordedReading } | { ok: false; rejection: Rejection };

/** Already `YYYY-MM-DDTHH:mm:ss.sssZ` (what most pipelines send): no need to re-format it. */
const isCanonical = (ts: string) =>
  ts.length === 24 && ts.charCodeAt(23) === 90 /* Z */ && ts.charCodeAt(19) === 46; /* . */

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks one reading: the contract's schema, plus a finite value and a timestamp inside the storable
 * range (READING_LIMITS, the one the projector and the store apply too) and not later than the
 * ingestor's clock plus READING_LIMITS.maxFutureSkewMs. The timestamp comes back in UTC with
 * millisecond precision (finer digits are dropped: readings are identified by their millisecond).
 */
export function checkReading(item: unknown, index: number, now: number): CheckedReading {
  const reject = (code: ItemRejectionCode, message: string): CheckedReading => ({
    ok: false,
    rejection: { index, code, message },
  });
  if (item instanceof MalformedLine) {
    return item.code === 'READING_VALUE_NOT_FINITE'
      ? reject(item.code, 'value must be a finite number (NaN and Infinity are not readings)')
      : reject(item.code, item.reason);
  }
  if (!isRecord(item)) return reject('READING_INVALID', 'a reading must be an object');
  // JSON.parse turns 1e400 into Infinity: caught here, before the schema calls it "not a number".
  if (typeof item.value === 'number' && !Number.isFinite(item.value))
    return reject('READING_VALUE_NOT_FINITE', 'value must be a finite number');
  if (typeof item.value === 'number' && Math.abs(item.value) > MAX_READING_MAGNITUDE) {
    return reject('READING_VALUE_OUT_OF_RANGE', `|value| must be at most ${MAX_READING_MAGNITUDE} (1e15)`);
  }
  // The common shape is accepted by a hand-written test; everything else gets the schema's verdict and words.
  if (!isPlainValidReading(item)) {
    const checked = validate(IngestReading, item);
    if (!checked.ok) {
      const onTs = checked.issues.every((i) => i.path === '/ts');
      return reject(
        onTs ? 'READING_TIMESTAMP_INVALID' : 'READING_INVALID',
        checked.issues.map((i) => `${i.path} ${i.message}`).join('; '),
      );
    }
  }
  const { deviceId, variable, ts, value, quality } = item as IngestReading;
  const at = Date.parse(ts);
  if (Number.isNaN(at)) return reject('READING_TIMESTAMP_INVALID', `ts ${JSON.stringify(ts)} is not an instant`);
  if (at < READING_LIMITS.earliest)
    return reject('READING_TIMESTAMP_TOO_OLD', `ts is before the storable range ${STORABLE_RANGE_TEXT}`);
  if (at >= READING_LIMITS.latest)
    return reject('READING_TIMESTAMP_IN_FUTURE', `ts is after the storable range ${STORABLE_RANGE_TEXT}`);
  if (at > now + READING_LIMITS.maxFutureSkewMs) {
    return reject(
      'READING_TIMESTAMP_IN_FUTURE',
      `ts is more than ${READING_LIMITS.maxFutureSkewMs / 1000} s ahead of the ingestor's clock`,
    );
  }
  const reading: RecordedReading = { variable, ts: isCanonical(ts) ? ts : new Date(at).toISOString(), value };
  if (quality !== undefined) reading.quality = quality;
  return { ok: true, deviceId, reading };
}
