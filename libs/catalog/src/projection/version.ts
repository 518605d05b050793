/**
 * The version of a catalog event, as projections compare it: `(time, sequence, id)`.
 * @see libs/contracts/src/envelope.ts — `time` orders facts, `sequence` orders the events of one request
 * that share a time, and `id` (unique per event) breaks the remaining ties deterministically, so every
 * replica, adapter and delivery order agrees on which of two events is newer.
 *
 * Encoded as one string whose plain (code unit) order is the version order: the instant as ISO 8601
 * UTC (fixed width for years 0000–9999), the sequence zero-padded, then the id. Readable in the store.
 */
export type Version = string;

/** `sequence` as the CloudEvents extension (a digit string) or its older integer form: both pad alike. */
export interface Versioned {
  id: string;
  time: string;
  sequence?: string | number | undefined;
}

const SEQUENCE_WIDTH = 16; // Number.MAX_SAFE_INTEGER has 16 digits

export function versionOf(event: Versioned): Version {
  const ms = Date.parse(event.time);
  if (!Number.isFinite(ms)) throw new RangeError(`event ${event.id} has an invalid time ${JSON.stringify(event.time)}`);
  const sequence = String(event.sequence ?? 0).padStart(SEQUENCE_WIDTH, '0');
  return `${new Date(ms).toISOString()} ${sequence} ${event.id}`;
}

/** The instant of a version (ISO 8601 UTC, ms precision). */
export function instantOf(version: Version): string {
  return version.slice(0, version.indexOf(' '));
}

export function newer(a: Version, than: Version | undefined): boolean {
  return than === undefined || a > than;
}

export function maxVersion(a: Version | undefined, b: Version | undefined): Version | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}
