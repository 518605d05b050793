import { type CatalogReader, type ChangeLogWriter, type NotifierStateStore } from '@medido/catalog';
import { isStorableInstant, TOPICS, type MeasurementsRecorded } from '@medido/contracts';
import {
  TOPIC_PARTITIONS,
  type EventBus,
  type RecordBatch,
  type Subscription,
  type TakenBatch,
} from '@medido/event-bus';
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
import { groupWriter } from './group-writer.ts';
import { partitionStateJournal } from './partition-state-journal.ts';
import { storeWatch } from './wait-until-stored.ts';

/** One batch's derivation on its way into the change log. */
interface Derivation {
  key: string;
  /** The partition's epoch it was derived in: refused if a failure ended it meanwhile. */
  epoch: number;
  /** Where the bus rewinds to if its group fails. */
  firstOffset: string;
  derived: DerivedChanges;
  placed: Map<string, Placement | null>;
  cutKey: string | null;
  occurredAt: string;
}

const MEASUREMENT_TYPES = new Set(['MeasurementsRecorded']);
/**
 * Re-deliveries ending before the cut that are refused (each one a bus retry with backoff) before the
 * records are derived anyway. Both buses read again from the same offset with the same limits, so a
 * re-delivery normally reaches the cut at once; this only bounds a pathological case (limits lowered
 * across a restart), where waiting for ever would jam the notifications and deriving risks a repeat.
 */
const MAX_SHORT_ATTEMPTS = 10;
/** How long batches after a failed one are refused while the bus rewinds to it (normally one backoff). */
const REWIND_WAIT_MS = 60_000;

export interface NotifierDeps {
  bus: EventBus;
  catalog: CatalogReader & ChangeLogWriter & NotifierStateStore;
  /** When given, changes about new readings wait (bounded) until the store answers them: see wait-until-stored.ts. */
  measurements?: Pick<MeasurementsStore, 'lastSeen' | 'onStored'>;
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
  const partitions = new Map<string, PartitionState>();
  // Partitions whose every change up to their state is known to be in the log: handled here since the
  // start with no failed attempt anywhere (a failure may have appended a part, for any partition, day
  // closures included). Their next changes cannot be in the log yet, so the append skips its lookup.
  const unseen = new Set<string>();
  const journal = partitionStateJournal();
  const restored = journal.restore(
    await deps.catalog.loadNotifierState(STATE_KEYS.partitionPrefix),
    await deps.catalog.loadNotifierState(STATE_KEYS.seriesPrefix),
  );
  for (const [key, state] of restored) partitions.set(key, state);
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

  // What the batches taken so far derived, per partition: ahead of `partitions` (what the log holds)
  // while their changes wait for the store. A failed batch sets it back to `partitions` and starts a new
  // epoch: what was derived after the failure is dropped, and the bus delivers it again (TakenBatch).
  const heads = new Map<string, PartitionState>();
  const epochs = new Map<string, number>();
  const tails = new Map<string, Promise<void>>();
  const appendToLog = groupWriter(appendDerivations, (d) => d.key);
  const untilStored = deps.measurements ? storeWatch(deps.measurements, deps.logger) : () => Promise.resolve();
  const headOf = (key: string) => heads.get(key) ?? partitions.get(key) ?? emptyPartitionState();
  // After a failure, until the bus delivers the failed batch again: batches after it that the bus had
  // fetched already must not be derived from the head set back. Bounded, so that records gone from the
  // topic meanwhile (retention) cannot hold the partition for ever.
  const rewinds = new Map<string, { to: bigint; until: number }>();

  async function handle(batch: RecordBatch): Promise<TakenBatch> {
    try {
      return await handleBatch(batch);
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
  async function handleBatch(batch: RecordBatch): Promise<TakenBatch> {
    const key = STATE_KEYS.partition(batch.topic, batch.partition);
    const cutKey = STATE_KEYS.cut(batch.topic, batch.partition);
    const rewind = rewinds.get(key);
    if (rewind && BigInt(batch.firstOffset) > rewind.to && now() < rewind.until)
      throw new Error(
        `partition ${batch.partition}: batch ${batch.firstOffset} comes before the rewind to ${rewind.to}`,
      );
    rewinds.delete(key);
    const records = sourceRecords(batch);
    const plan = planDerivation(records, batch.lastOffset, headOf(key).offset, cuts.get(cutKey));
    let settled: Promise<void>;
    if (plan.kind === 'whole') ({ settled } = await derive(batch, plan.records, cutKey));
    else if (plan.kind === 'resume' || (shortAttempts.get(key) ?? 0) >= MAX_SHORT_ATTEMPTS) {
      if (plan.kind === 'short')
        deps.logger.warn(
          { partition: batch.partition, offsets: `${batch.firstOffset}-${batch.lastOffset}`, cut: cuts.get(cutKey) },
          'the re-delivered records keep ending before the cut: deriving them anyway (some changes may be told twice)',
        );
      const head = plan.kind === 'resume' ? plan.head : records;
      ({ settled } = await derive(batch, head, null));
      if (plan.kind === 'resume' && plan.rest.length > 0) ({ settled } = await derive(batch, plan.rest, cutKey));
    } else {
      shortAttempts.set(key, (shortAttempts.get(key) ?? 0) + 1);
      // The bus delivers the records again from the batch's first offset (both buses read anew).
      throw new Error(`partition ${batch.partition}: re-delivered records end at ${batch.lastOffset}, before the cut`);
    }
    shortAttempts.delete(key);
    return {
      settled: settled.then(() => {
        const at = now();
        for (const record of batch.records) deps.metrics?.latency.observe(Math.max(0, at - record.timestamp) / 1000);
      }),
    };
  }

  /**
   * Derives `records` from the partition's head at once (in delivery order) and queues the rest behind
   * the partition's earlier batches: wait until the store answers them, then append and save the state
   * (and first the cut, when `cutKey` is given); `settled` resolves when that is done.
   */
  async function derive(batch: RecordBatch, records: SourceRecord[], cutKey: string | null): Promise<TakenBatch> {
    const key = STATE_KEYS.partition(batch.topic, batch.partition);
    const epoch = epochs.get(key) ?? 0;
    const before = headOf(key);
    const placed = await placements.resolve(records.map((r) => r.event.data.deviceId));
    if ((epochs.get(key) ?? 0) !== epoch) throw new Error(`partition ${batch.partition}: an earlier batch failed`);
    const occurredAt = new Date(now()).toISOString();
    const derived = deriveChanges(records, before, (id) => placed.get(id) ?? null, occurredAt);
    heads.set(key, derived.state);
    // Readable first, and only then counted for day closure: a day another partition's batch closes
    // from `meterLast` must only count readings the store answers. The wait starts now, beside the
    // partition's earlier batches (only their appends must come first), while the bus fetches on.
    const stored = derived.changes.length > 0 ? untilStored(derived.advanced) : Promise.resolve();
    // The partition's derivations enter the log's queue in their order (a group takes at most one of
    // them). `tails` holds when the last one entered, whatever became of it.
    const previous = tails.get(key) ?? Promise.resolve();
    let entered!: () => void;
    tails.set(key, new Promise<void>((resolve) => (entered = resolve)));
    const settled = (async () => {
      let appended: Promise<void>;
      try {
        await Promise.all([previous, stored]);
        // The log has one writer (closures, cuts, append, states: one group at a time), so cursors stay
        // in order and no day is closed twice; a derivation whose epoch ended by then is refused there.
        appended = appendToLog({ key, epoch, firstOffset: batch.firstOffset, derived, placed, cutKey, occurredAt });
      } finally {
        entered();
      }
      await appended;
    })();
    return { settled };
  }

  /**
   * Appends the derivations that queued up together: closures in their order (each sees the meters the
   * ones before it advanced), then the cuts, one append, the day states and the partition states. Day
   * states go first: a saved partition state must never run ahead of the days it closed.
   */
  async function appendDerivations(derivations: Derivation[]): Promise<Map<Derivation, Error>> {
    const refused = new Map<Derivation, Error>();
    const group = derivations.filter((d) => {
      if ((epochs.get(d.key) ?? 0) === d.epoch) return true;
      refused.set(d, new Error(`${d.key}: an earlier batch of the partition failed`));
      return false;
    });
    if (group.length === 0) return refused;
    try {
      await appendGroup(group);
    } catch (error) {
      // Before the next group takes the log: a failed append may have stored a part of its changes, and
      // what each partition derived after its first batch here rests on them. Its head goes back to
      // what the log holds, a new epoch refuses the rest, and the bus rewinds to that batch.
      unseen.clear();
      for (const d of group) {
        if ((epochs.get(d.key) ?? 0) !== d.epoch) continue;
        epochs.set(d.key, d.epoch + 1);
        heads.set(d.key, partitions.get(d.key) ?? emptyPartitionState());
        rewinds.set(d.key, { to: BigInt(d.firstOffset), until: now() + REWIND_WAIT_MS });
      }
      throw error;
    }
    return refused;
  }

  async function appendGroup(group: Derivation[]): Promise<void> {
    const changes: NewChange[] = [];
    const cutStates: [string, string][] = [];
    const days = new Map<string, number>();
    for (const { derived, placed, cutKey, occurredAt } of group) {
      for (const [deviceId, t] of derived.advanced) raise(deviceId, t);
      for (const [deviceId, t] of derived.earliest)
        meterFirst.set(deviceId, Math.min(meterFirst.get(deviceId) ?? t, t));
      changes.push(...derived.changes);
      const installations = new Map([...placed.values()].flatMap((p) => (p ? [[p.installationId, p] as const] : [])));
      for (const [installationId, placement] of installations) {
        const meters = (await placements.metersOf(installationId)).map((deviceId) => ({
          deviceId,
          last: meterLast.get(deviceId),
          first: meterFirst.get(deviceId),
        }));
        const through = days.get(installationId) ?? closedThrough.get(installationId);
        const closed = closeDays({ ...placement, meters, closedThrough: through }, occurredAt);
        changes.push(...closed.changes);
        if (closed.closedThrough !== undefined && closed.closedThrough !== through)
          days.set(installationId, closed.closedThrough);
      }
      // Day closures are named by their day, whatever the cut: only the meters' changes need one.
      if (cutKey !== null && derived.changes.length > 0 && derived.state.offset !== null)
        cutStates.push([cutKey, derived.state.offset]);
    }
    {
      if (cutStates.length > 0) await deps.catalog.saveNotifierState(cutStates);
      for (const [cutKey, offset] of cutStates) cuts.set(cutKey, offset);
      const stored = await deps.catalog.appendChanges(changes, { unseen: group.every((d) => unseen.has(d.key)) });
      // One write for the closed days and the partition states (each FerretDB round trip is ~10 ms of its
      // CPU under load). Either may land without the other on a crash: the changes are appended already
      // and a re-derived change or day closure has the same id, which the next append drops.
      const saves = group.map((d) => journal.propose(d.key, d.derived.state));
      await deps.catalog.saveNotifierState([
        ...[...days].map(([id, t]): [string, number] => [STATE_KEYS.day(id), t]),
        ...saves.flatMap((save) => save.entries),
      ]);
      for (const save of saves) save.commit();
      for (const d of group) {
        partitions.set(d.key, d.derived.state);
        unseen.add(d.key);
      }
      for (const [installationId, t] of days) closedThrough.set(installationId, t);
      for (const change of stored) deps.metrics?.changes.inc({ type: change.type });
    }
    if (changes.length > 0) deps.logger.debug({ batches: group.length, changes: changes.length }, 'changes appended');
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
