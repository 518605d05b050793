import type { ChangeRecord } from '@medido/catalog';
import type { MeasurementsRecorded } from '@medido/contracts';
import { floorQuarter, localDay, QUARTER_HOUR } from './local-days.ts';

export type NewChange = Omit<ChangeRecord, 'cursor'>;

/** A measurements record as read from its partition: the coordinates make the ids of what it causes. */
export interface SourceRecord {
  topic: string;
  partition: number;
  offset: string;
  event: MeasurementsRecorded;
}

/** Where a meter is, from the catalog: what scopes its changes; null while the catalog does not know it. */
export interface Placement {
  organizationId: string;
  installationId: string;
  unitId: string | null;
  timezone: string;
}

/**
 * What the notifier remembers of one partition: the last offset it derived (records at or below it
 * are already in the log: skipped on a re-delivery) and each series' newest instant (ms) — the
 * measurements topic is keyed by meter, so a meter's series all live in one partition.
 */
export interface PartitionState {
  offset: string | null;
  series: Record<string, number>;
}

export const seriesKey = (deviceId: string, variable: string) => `${deviceId}\u0000${variable}`;
export const emptyPartitionState = (): PartitionState => ({ offset: null, series: {} });

type Kind = 'new' | 'late' | 'resent';

/**
 * A reading against its series' newest instant L before the record:
 * - after L (or a first reading): new;
 * - exactly L again: re-sent (a correction of the newest reading);
 * - before L, in a local day the meter already reported past the end of: late into a closed day;
 * - before L inside a day still open: new as well — the `measurements.available` window covers it.
 * Only L is kept per series (memory and state stay bounded), so an older instant re-sent into a closed
 * day is reported `late`: same window, same id, the reason is the only thing it cannot tell.
 */
function kindOf(ts: number, last: number | undefined, timezone: string): Kind {
  if (last === undefined || ts > last) return 'new';
  if (ts === last) return 'resent';
  return localDay(ts, timezone)[1] <= last ? 'late' : 'new';
}

const iso = (t: number) => new Date(t).toISOString();

/**
 * The window a changed reading can move, on 15-minute boundaries: its own bucket, the one holding
 * t − 1 ms (a `delta` ending at t counts there) and the next one (the delta from t to the next reading).
 */
function changedWindow(min: number, max: number): { from: string; to: string } {
  return { from: iso(floorQuarter(min - 1)), to: iso(floorQuarter(max) + QUARTER_HOUR) };
}

interface Group {
  variables: Set<string>;
  min: number;
  max: number;
  count: number;
}
const grow = (g: Group | undefined, variable: string, ts: number): Group => {
  const group = g ?? { variables: new Set<string>(), min: ts, max: ts, count: 0 };
  group.variables.add(variable);
  group.min = Math.min(group.min, ts);
  group.max = Math.max(group.max, ts);
  group.count++;
  return group;
};

export interface DerivedChanges {
  changes: NewChange[];
  state: PartitionState;
  /** Meters whose newest instant moved, with it: what day closure looks at. */
  advanced: Map<string, number>;
  /** Each meter's earliest reading in these records: where a first day closure starts. */
  earliest: Map<string, number>;
}

/** What one meter's records of a derivation add up to: its first record names the changes. */
interface MeterChanges {
  deviceId: string;
  placement: Placement;
  first: SourceRecord;
  groups: Partial<Record<Kind, Group>>;
}

/**
 * Pure: one partition's records (in offset order) and its state → the change events they cause and the
 * next state. A meter's records in one derivation make one change per kind (new readings, late,
 * re-sent), not one per record: under load a partition's batch holds many records of each meter, and
 * every change is a document in the log and a webhook to each subscriber. Ids come from the meter's
 * first record in the derivation (topic/partition/offset, type, reason), so deriving the same records
 * from the same state gives the same ids, which the log drops; the notifier makes a re-delivery after a
 * crash derive the same records by ending it at the saved cut (notifier.ts). Records of meters the
 * catalog does not place yet move the watermarks but notify nobody: no consumer can read such a meter
 * until its installation is known.
 */
export function deriveChanges(
  records: SourceRecord[],
  before: PartitionState,
  placementOf: (deviceId: string) => Placement | null,
  occurredAt: string,
): DerivedChanges {
  const series = { ...before.series };
  const meters = new Map<string, MeterChanges>();
  const advanced = new Map<string, number>();
  const earliest = new Map<string, number>();
  let offset = before.offset;
  for (const record of records) {
    if (offset !== null && BigInt(record.offset) <= BigInt(offset)) continue;
    offset = record.offset;
    const { deviceId, readings } = record.event.data;
    const placement = placementOf(deviceId);
    const zone = placement?.timezone ?? 'UTC';
    let meter = meters.get(deviceId);
    if (!meter && placement) {
      meter = { deviceId, placement, first: record, groups: {} };
      meters.set(deviceId, meter);
    }
    const newest = new Map<string, number>();
    for (const reading of readings) {
      const ts = Date.parse(reading.ts);
      const key = seriesKey(deviceId, reading.variable);
      if (meter) {
        const kind = kindOf(ts, series[key], zone);
        meter.groups[kind] = grow(meter.groups[kind], reading.variable, ts);
      }
      newest.set(key, Math.max(newest.get(key) ?? ts, ts));
      earliest.set(deviceId, Math.min(earliest.get(deviceId) ?? ts, ts));
    }
    for (const [key, ts] of newest) {
      if (series[key] === undefined || ts > series[key]) series[key] = ts;
      advanced.set(deviceId, Math.max(advanced.get(deviceId) ?? series[key], series[key]));
    }
  }
  const changes = [...meters.values()].flatMap((meter) => changesOf(meter, occurredAt));
  return { changes, state: { offset, series }, advanced, earliest };
}

/** A meter's changes of one derivation: new readings, then late and re-sent ones (each only when there are some). */
function changesOf(meter: MeterChanges, occurredAt: string): NewChange[] {
  const { deviceId, placement, groups, first } = meter;
  const scope = {
    occurredAt,
    organizationId: placement.organizationId,
    installationId: placement.installationId,
    ...(placement.unitId ? { unitId: placement.unitId } : {}),
    deviceIds: [deviceId],
  };
  const base = `${first.topic}/${first.partition}/${first.offset}`;
  const changes: NewChange[] = [];
  if (groups.new) {
    const g = groups.new;
    changes.push({
      id: `${base}/measurements.available`,
      type: 'measurements.available',
      ...scope,
      data: { deviceId, variables: [...g.variables].sort(), from: iso(g.min), to: iso(g.max + 1), readings: g.count },
    });
  }
  for (const reason of ['late', 'resent'] as const) {
    const g = groups[reason];
    if (!g) continue;
    changes.push({
      id: `${base}/bucket.changed/${reason}`,
      type: 'bucket.changed',
      ...scope,
      data: { deviceId, variables: [...g.variables].sort(), ...changedWindow(g.min, g.max), reason },
    });
  }
  return changes;
}

/**
 * Where a partition's next derivation ends, given the cut its last one saved before appending (the
 * last offset it derived) and the partition's state:
 * - no cut beyond the state (the last derivation finished): the whole batch, saving a new cut;
 * - a cut beyond the state (that derivation may have appended a part of its changes, then crashed):
 *   first the records up to the cut, exactly as then (same records, same state, same ids), then the
 *   rest as a new derivation; or `short` when the batch ends before the cut — then its ids could not
 *   be the same, and the bus must deliver the records again, up to the cut.
 */
export type DerivationPlan =
  | { kind: 'whole'; records: SourceRecord[] }
  | { kind: 'resume'; head: SourceRecord[]; rest: SourceRecord[] }
  | { kind: 'short' };

export function planDerivation(
  records: SourceRecord[],
  batchLastOffset: string,
  stateOffset: string | null,
  cut: string | undefined,
): DerivationPlan {
  if (cut === undefined || (stateOffset !== null && BigInt(cut) <= BigInt(stateOffset)))
    return { kind: 'whole', records };
  const through = BigInt(cut);
  if (BigInt(batchLastOffset) < through) return { kind: 'short' };
  return {
    kind: 'resume',
    head: records.filter((r) => BigInt(r.offset) <= through),
    rest: records.filter((r) => BigInt(r.offset) > through),
  };
}
