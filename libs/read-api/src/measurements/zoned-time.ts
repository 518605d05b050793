import { offsetAt } from '@medido/measurements';

/**
 * RFC 3339 text of instants in a zone's own offset, for answers. Offsets, zone validation and canonical
 * names come from @medido/measurements' time-zones module, the one the store computes buckets with.
 */

export const DEFAULT_TIMEZONE = 'America/Santiago';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function offsetText(offsetMs: number): string {
  if (offsetMs === 0) return 'Z';
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  return `${offsetMs < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** Offsets per zone and 15-minute slot (null: a transition inside the slot), shared by every answer. */
const SLOT = 900_000;
const slotOffsets = new Map<string, Map<number, number | null>>();
const MAX_SLOTS = 200_000;

function offsetOf(ms: number, zone: string): number {
  let slots = slotOffsets.get(zone);
  if (!slots) slotOffsets.set(zone, (slots = new Map()));
  const slot = Math.floor(ms / SLOT);
  let known = slots.get(slot);
  if (known === undefined) {
    const a = offsetAt(zone, slot * SLOT);
    known = a === offsetAt(zone, slot * SLOT + SLOT - 1) ? a : null;
    if (slots.size >= MAX_SLOTS) slots.clear();
    slots.set(slot, known);
  }
  return known ?? offsetAt(zone, ms);
}

/**
 * Formats instants in a zone's own offset (RFC 3339), e.g. 2026-04-04T00:00:00-03:00; milliseconds only
 * when not zero. Offsets are constant between transitions, so they are memoised per 15-minute slot whose
 * two ends agree (exact even when a transition falls inside a slot).
 */
export function zonedFormatter(zone: string): (ms: number) => string {
  return (ms) => {
    const offset = offsetOf(ms, zone);
    const local = new Date(ms + offset);
    const millis = local.getUTCMilliseconds();
    return `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${millis ? `.${pad(millis, 3)}` : ''}${offsetText(offset)}`;
  };
}
