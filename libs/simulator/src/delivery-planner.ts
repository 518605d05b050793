import type { IngestReading } from '@medido/contracts';
import { DEMO_FLEET, type DemoFleet } from './demo-fleet.ts';
import { hashString, randomAt, subKey } from './prng.ts';

/** Chance, per request, that the pipeline of a `resends` or `late` meter misbehaves. */
const RESEND_CHANCE = 0.3;
const LATE_CHANCE = 0.3;
/** How many of the meter's instants a misbehaving pipeline re-sends or holds back: 2 hours of 15-minute readings. */
const INSTANTS_AFFECTED = 8;

export interface DeliveryStats {
  resent: number;
  late: number;
}

/**
 * Turns batches of fresh readings into requests the way imperfect meter pipelines send them: the
 * `resends` meters' pipeline sometimes re-sends the tail of the previous request (it missed the
 * answer); the `late` meters' pipeline sometimes holds a stretch back and sends it in the request
 * after the one that carried newer readings of the meter. Decisions are drawn from the seed and the
 * request's number.
 */
export class DeliveryPlanner {
  readonly stats: DeliveryStats = { resent: 0, late: 0 };
  private readonly resendIds: Set<string>;
  private readonly lateIds: Set<string>;
  private readonly resendKey: number;
  private readonly lateKey: number;
  private index = 0;
  private previous: IngestReading[] = [];
  private held: { reading: IngestReading; overtaken: boolean }[] = [];

  constructor(seed: string, fleet: DemoFleet = DEMO_FLEET) {
    this.resendIds = new Set(fleet.devices.filter((d) => d.quirks.resends).map((d) => d.deviceId));
    this.lateIds = new Set(fleet.devices.filter((d) => d.quirks.late).map((d) => d.deviceId));
    const key = subKey(hashString(seed), 'delivery');
    this.resendKey = subKey(key, 'resend');
    this.lateKey = subKey(key, 'late');
  }

  /** The request carrying `fresh`; `final` when no request follows, so nothing may be held back. */
  next(fresh: IngestReading[], final: boolean): IngestReading[] {
    const index = this.index++;
    const resent = index > 0 && randomAt(this.resendKey, index) < RESEND_CHANCE ? this.tailOf(this.previous) : [];
    const released = this.held.filter((h) => final || h.overtaken);
    this.held = this.held.filter((h) => !final && !h.overtaken);
    const holding =
      !final && randomAt(this.lateKey, index) < LATE_CHANCE
        ? new Set(this.stretchToHold(fresh, randomAt(this.lateKey, index, 1)))
        : new Set<IngestReading>();
    const onTime = holding.size === 0 ? fresh : fresh.filter((r) => !holding.has(r));
    for (const reading of holding) this.held.push({ reading, overtaken: false });
    this.markOvertaken(onTime);
    this.previous = onTime;
    this.stats.resent += resent.length;
    this.stats.late += released.filter((h) => h.overtaken).length;
    return [...resent, ...onTime, ...released.map((h) => h.reading)];
  }

  /** Readings still held back; the caller sends them before it stops. Only those already overtaken count as late. */
  drain(): IngestReading[] {
    const held = this.held;
    this.held = [];
    this.stats.late += held.filter((h) => h.overtaken).length;
    return held.map((h) => h.reading);
  }

  /** A held reading becomes late (and leaves with the next request) once a newer one of its meter was sent. */
  private markOvertaken(sent: IngestReading[]): void {
    if (this.held.length === 0) return;
    const newest = new Map<string, string>();
    for (const r of sent)
      if (this.lateIds.has(r.deviceId) && (newest.get(r.deviceId) ?? '') < r.ts) newest.set(r.deviceId, r.ts);
    for (const h of this.held) if ((newest.get(h.reading.deviceId) ?? '') > h.reading.ts) h.overtaken = true;
  }

  /** Copies of the resending meters' readings at their last instants in `sent`. */
  private tailOf(sent: IngestReading[]): IngestReading[] {
    const out: IngestReading[] = [];
    for (const deviceId of this.resendIds) {
      const mine = sent.filter((r) => r.deviceId === deviceId);
      const tail = new Set(distinctInstants(mine).slice(-INSTANTS_AFFECTED));
      for (const r of mine) if (tail.has(r.ts)) out.push({ ...r });
    }
    return out;
  }

  /**
   * A stretch of the late meters' readings that newer readings of theirs in the same batch will
   * overtake; with a single instant in the batch (live mode) the whole instant waits for the next request.
   */
  private stretchToHold(fresh: IngestReading[], draw: number): IngestReading[] {
    const out: IngestReading[] = [];
    for (const deviceId of this.lateIds) {
      const mine = fresh.filter((r) => r.deviceId === deviceId);
      const instants = distinctInstants(mine);
      const length = Math.max(1, Math.min(INSTANTS_AFFECTED, instants.length - 1));
      const start = Math.floor(draw * Math.max(1, instants.length - length));
      const chosen = new Set(instants.slice(start, start + length));
      for (const r of mine) if (chosen.has(r.ts)) out.push(r);
    }
    return out;
  }
}

/** Distinct timestamps in order of appearance; batches are generated in time order. ISO-8601 UTC strings sort as instants. */
function distinctInstants(readings: IngestReading[]): string[] {
  return [...new Set(readings.map((r) => r.ts))].sort();
}
