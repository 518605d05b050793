import { keyedMutex, type CatalogReader, type ChangeLogWriter, type NotifierStateStore } from '@medido/catalog';
import { isStorableInstant, TOPICS, type MeasurementsRecorded } from '@medido/contracts';
import { TOPIC_PARTITIONS, type EventBus, type RecordBatch, type Subscription } from '@medido/event-bus';
import type { MeasurementsStore } from '@medido/measurements';
import { decodeRecord } from '@medido/projection';
import type { Logger } from 'pino';
import { catalogPlacements, type PlacementsOptions } from './catalog-placements.ts';
import { closeDays } from './day-closure.ts';
import {
  deriveChanges,
  emptyPartitionState,
  planDerivation,
  type DerivedChanges,
  type NewChange,
  type PartitionState,
  type Placement,
  type SourceRecord,
} from './derive-changes.ts';
import { NOTIFIER_GROUP, STATE_KEYS } from './notifier-groups.ts';
import type { NotifierMetrics } from './notifier-metrics.ts';
import { waitUntilStored } from './wait-until-stored.ts';

const MEASUREMENT_TYPES = new Set(['MeasurementsRecorded']);
/**
 * Re-deliveries ending before the cut that are refused (each one a bus retry with backoff) before the
 * records are derived anyway. Both buses read again from the same offset with the same limits, so a
 * re-delivery normally reaches the cut at once; this only bounds a pathological case (limits lowered
 * across a restart), where waiting for ever would jam the notifications and deriving risks a repeat.
 */
const MAX_SHORT_ATTEMPTS = 10;

export interface NotifierDeps {
  bus: EventBus;
  catalog: CatalogReader & ChangeLogWriter & NotifierStateStore;
  /** When given, changes about new readings wait (bounded) until the store answers them: see wait-until-stored.ts. */
  measurements?: Pick<MeasurementsStore, 'lastSeen'>;
  logger: Logger;
  metrics?: NotifierMetrics;
  groupId?: string;
  /** Partitions handled at once (default: every partition of the measurements topic). */
  concurrency?: number;
  placements?: PlacementsOptions;
  now?: () => number;
}

export interface Notifier {
  lag(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Series watermarks are stored as pairs, not as an object: series keys hold a NUL separator and meter
 * ids may hold dots, neither of which MongoDB accepts in a field name.
 */
type StoredPartition = { offset: string | null; series: [string, number][] };
const toStored = (state: PartitionState): StoredPartition => ({
  offset: state.offset,
  series: Object.entries(state.series),
});
const fromStored = (stored: StoredPartition): PartitionState => ({
  offset: stored.offset,
  series: Object.fromEntries(stored.series),
});

/** What the projector would store: records that decode and hold only storable instants (others are dead-lettered there). */
function sourceRecords(batch: RecordBatch): SourceRecord[] {
  return batch.records.flatMap((record) => {
    const decoded = decodeRecord(record, MEASUREMENT_TYPES);
    if (!decoded.ok) return [];
    const event = decoded.event as MeasurementsRecorded;
    if (!event.data.readings.every((r) => isStorableInstant(Date.parse(r.ts)))) return [];
    return [{ topic: batch.topic, partition: batch.partition, offset: record.offset, event }];
  });
}

/**
 * The notifier: measurements topic → change log. It must be the one active member of its group (the
 * log's single writer, and day closure needs every partition's watermarks, all held here). Per batch:
 * derive from the state before it, save where the derivation ends (its cut), append (idempotent on id),
 * then save the state, then let the bus commit: a crash anywhere re-derives the same changes with the
 * same ids (at-least-once, deduplicated).
 */
export async function startNotifier(deps: NotifierDeps): Promise<Notifier> {
  const now = deps.now ?? Date.now;
  const placements = catalogPlacements(deps.catalog, deps.placements);
  const oneWriter = keyedMutex();
  const partitions = new Map<string, PartitionState>();
  // Partitions whose every change up to their state is known to be in the log: handled here since the
  // start with no failed attempt anywhere (a failure may have appended a part, for any partition, day
  // closures included). Their next changes cannot be in the log yet, so the append skips its lookup.
  const unseen = new Set<string>();
  for (const [key, value] of await deps.catalog.loadNotifierState(STATE_KEYS.partitionPrefix))
    partitions.set(key, fromStored(value as StoredPartition));
  // The last cut of each partition (see handleBatch), and how often a re-delivery ended before it.
  const cuts = new Map<string, string>();
  for (const [key, value] of await deps.catalog.loadNotifierState(STATE_KEYS.cutPrefix)) cuts.set(key, value as string);
  const shortAttempts = new Map<string, number>();
  const closedThrough = new Map<string, number>();
  for (const [key, value] of await deps.catalog.loadNotifierState(STATE_KEYS.dayPrefix))
    closedThrough.set(key.slice(STATE_KEYS.dayPrefix.length), value as number);
  // A meter's newest instant over its series: what day closure compares with day ends.
  const meterLast = new Map<string, number>();
  const raise = (deviceId: string, t: number) => meterLast.set(deviceId, Math.max(meterLast.get(deviceId) ?? t, t));
  // Earliest readings this process saw: only where a first closure of an installation starts.
  const meterFirst = new Map<string, number>();
  for (const state of partitions.values()) {
    for (const [key, t] of Object.entries(state.series)) raise(key.slice(0, key.indexOf('\u0000')), t);
  }

  async function handle(batch: RecordBatch): Promise<void> {
    try {
      await handleBatch(batch);
    } catch (error) {
      unseen.clear();
      throw error;
    }
  }

  /**
   * A derivation names its changes by each meter's first record in it, so a re-derivation must end
   * where the first one ended to give the same ids: that cut is saved before the append, and a batch
   * re-delivered after a crash is derived up to it first (planDerivation).
   */
  async function handleBatch(batch: RecordBatch): Promise<void> {
    const key = STATE_KEYS.partition(batch.topic, batch.partition);
    const cutKey = STATE_KEYS.cut(batch.topic, batch.partition);
    const records = sourceRecords(batch);
    const plan = planDerivation(records, batch.lastOffset, partitions.get(key)?.offset ?? null, cuts.get(cutKey));
    if (plan.kind === 'whole') await deriveAndAppend(batch, plan.records, cutKey);
    else if (plan.kind === 'resume' || (shortAttempts.get(key) ?? 0) >= MAX_SHORT_ATTEMPTS) {
      if (plan.kind === 'short')
        deps.logger.warn(
          { partition: batch.partition, offsets: `${batch.firstOffset}-${batch.lastOffset}`, cut: cuts.get(cutKey) },
          'the re-delivered records keep ending before the cut: deriving them anyway (some changes may be told twice)',
        );
      const head = plan.kind === 'resume' ? plan.head : records;
      await deriveAndAppend(batch, head, null);
      if (plan.kind === 'resume' && plan.rest.length > 0) await deriveAndAppend(batch, plan.rest, cutKey);
    } else {
      shortAttempts.set(key, (shortAttempts.get(key) ?? 0) + 1);
      // The bus delivers the records again from the batch's first offset (both buses read anew).
      throw new Error(`partition ${batch.partition}: re-delivered records end at ${batch.lastOffset}, before the cut`);
    }
    shortAttempts.delete(key);
    const at = now();
    for (const record of batch.records) deps.metrics?.latency.observe(Math.max(0, at - record.timestamp) / 1000);
  }

  /** Derives `records` from the partition's state, appends, saves the state; saves the cut first when `cutKey` is given. */
  async function deriveAndAppend(batch: RecordBatch, records: SourceRecord[], cutKey: string | null): Promise<void> {
    const key = STATE_KEYS.partition(batch.topic, batch.partition);
    const before = partitions.get(key) ?? emptyPartitionState();
    const placed = await placements.resolve(records.map((r) => r.event.data.deviceId));
    const occurredAt = new Date(now()).toISOString();
    const derived = deriveChanges(records, before, (id) => placed.get(id) ?? null, occurredAt);
    // Partitions are handled concurrently and their batches wait here, side by side, for the projector.
    // Readable first, and only then counted for day closure: a day another partition's batch closes
    // from `meterLast` must only count readings the store answers.
    if (deps.measurements && derived.changes.length > 0) await waitUntilStored(deps.measurements, derived, deps.logger);
    // The log has one writer: from here on (closures, cut, append, states) one batch at a time, so
    // cursors stay in order and no day is closed twice.
    await oneWriter('change-log', async () => {
      try {
        await closeAndAppend(batch, key, derived, placed, cutKey, occurredAt);
      } catch (error) {
        // Before the next batch takes the log: a failed append may have stored a part of its changes.
        unseen.clear();
        throw error;
      }
    });
  }

  async function closeAndAppend(
    batch: RecordBatch,
    key: string,
    derived: DerivedChanges,
    placed: Map<string, Placement | null>,
    cutKey: string | null,
    occurredAt: string,
  ): Promise<void> {
    for (const [deviceId, t] of derived.advanced) raise(deviceId, t);
    for (const [deviceId, t] of derived.earliest) meterFirst.set(deviceId, Math.min(meterFirst.get(deviceId) ?? t, t));

    const days: NewChange[] = [];
    const dayStates: [string, unknown][] = [];
    const installations = new Map([...placed.values()].flatMap((p) => (p ? [[p.installationId, p] as const] : [])));
    for (const [installationId, placement] of installations) {
      const meters = (await placements.metersOf(installationId)).map((deviceId) => ({
        deviceId,
        last: meterLast.get(deviceId),
        first: meterFirst.get(deviceId),
      }));
      const closed = closeDays({ ...placement, meters, closedThrough: closedThrough.get(installationId) }, occurredAt);
      days.push(...closed.changes);
      if (closed.closedThrough !== undefined && closed.closedThrough !== closedThrough.get(installationId))
        dayStates.push([STATE_KEYS.day(installationId), closed.closedThrough]);
    }

    const changes = [...derived.changes, ...days];
    // Day closures are named by their day, whatever the cut: only the meters' changes need one.
    if (cutKey !== null && derived.changes.length > 0 && derived.state.offset !== null) {
      await deps.catalog.saveNotifierState([[cutKey, derived.state.offset]]);
      cuts.set(cutKey, derived.state.offset);
    }
    const stored = await deps.catalog.appendChanges(changes, { unseen: unseen.has(key) });
    // Day states first: a saved partition state must never run ahead of the days it closed.
    await deps.catalog.saveNotifierState(dayStates);
    await deps.catalog.saveNotifierState([[key, toStored(derived.state)]]);
    partitions.set(key, derived.state);
    unseen.add(key);
    for (const [k, t] of dayStates) closedThrough.set(k.slice(STATE_KEYS.dayPrefix.length), t as number);

    for (const change of stored) deps.metrics?.changes.inc({ type: change.type });
    if (changes.length > 0)
      deps.logger.debug(
        { partition: batch.partition, offsets: `${batch.firstOffset}-${batch.lastOffset}`, changes: changes.length },
        'changes appended',
      );
  }

  const subscription: Subscription = await deps.bus.subscribe({
    groupId: deps.groupId ?? NOTIFIER_GROUP,
    topics: [TOPICS.measurements],
    fromBeginning: true,
    // Every partition at once (order holds per partition): each batch waits for the projector to store
    // its readings, and one partition at a time made the notifier wait eight times per round.
    concurrency: deps.concurrency ?? TOPIC_PARTITIONS[TOPICS.measurements],
    eachBatch: handle,
    onRetry: (error, batch, attempt) =>
      deps.logger.warn(
        { err: error, partition: batch.partition, offset: batch.firstOffset, attempt },
        'notifier batch failed; retrying',
      ),
  });
  return {
    lag: async () => Object.values(await subscription.lag()).reduce((a, b) => a + b, 0),
    stop: () => subscription.stop(),
  };
}
