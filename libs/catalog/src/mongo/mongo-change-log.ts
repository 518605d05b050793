import type { Db, Document, IndexDescription } from 'mongodb';
import { cursorOf, sequenceOf } from '../change-cursor.ts';
import type { ChangeLogStore, ChangeRecord } from '../change-log.port.ts';
import type { NotifierStateStore } from '../notifier-state.port.ts';

export const CHANGES_COLLECTION = 'change_events';
export const NOTIFIER_STATE_COLLECTION = 'notifier_state';

/**
 * `_id` is the event id (the dedup key); the cursor is unique too, so two writers racing (which the
 * single-writer design rules out) would fail loudly instead of interleaving. Plain indexes (FerretDB),
 * each ending in the cursor so every filter walks one range in order; deviceIds is multikey.
 */
export const CHANGES_INDEXES: IndexDescription[] = [
  { key: { cursor: 1 }, unique: true },
  { key: { organizationId: 1, cursor: 1 } },
  { key: { installationId: 1, cursor: 1 } },
  { key: { deviceIds: 1, cursor: 1 } },
];

type ChangeDoc = Omit<ChangeRecord, 'id'> & { _id: string };
const toRecord = ({ _id, ...rest }: ChangeDoc): ChangeRecord => ({ id: _id, ...rest }) as ChangeRecord;

export function mongoChangeLog(db: Db): ChangeLogStore & NotifierStateStore {
  const changes = db.collection<ChangeDoc>(CHANGES_COLLECTION);
  // Values as JSON text: FerretDB 1.24 refuses nested arrays, and field names may not hold NUL or dots.
  const state = db.collection<{ _id: string; json: string }>(NOTIFIER_STATE_COLLECTION);
  const latestCursor = async () =>
    (
      await changes
        .find({}, { projection: { cursor: 1 } })
        .sort({ cursor: -1 })
        .limit(1)
        .next()
    )?.cursor ?? null;
  // The single writer's newest sequence, read once: FerretDB answers the sorted read by scanning the whole
  // log, which at every append grows with the log (docs/benchmarks.md). Forgotten after a failed insert
  // (it may have stored a part, or another writer raced it: the unique cursor index refused), so the next
  // append reads it again.
  let sequence: number | undefined;
  return {
    latestCursor,
    async appendChanges(input, options = {}) {
      if (input.length === 0) return [];
      const ids = [...new Set(input.map((c) => c.id))];
      const known = options.unseen
        ? new Map<string, ChangeRecord>()
        : new Map((await changes.find({ _id: { $in: ids } }).toArray()).map((d) => [d._id, toRecord(d)]));
      let next = sequence ?? sequenceOf((await latestCursor()) ?? cursorOf(0));
      const fresh: ChangeDoc[] = [];
      const out = input.map((change) => {
        const stored = known.get(change.id);
        if (stored) return stored;
        // Plain JSON: an undefined member (an optional unitId) would be stored as null.
        const record = JSON.parse(JSON.stringify({ ...change, cursor: cursorOf(++next) })) as ChangeRecord;
        const { id, ...rest } = record;
        known.set(id, record);
        fresh.push({ _id: id, ...rest } as ChangeDoc);
        return record;
      });
      try {
        // Ordered: cursors land in order, so a reader never sees N+1 before N is written.
        if (fresh.length > 0) await changes.insertMany(fresh, { ordered: true });
      } catch (error) {
        sequence = undefined;
        throw error;
      }
      sequence = next;
      return out;
    },
    async changesAfter(filter, after, limit) {
      const query: Document = {};
      if (filter.organizationIds) query.organizationId = { $in: filter.organizationIds };
      if (filter.installationIds) query.installationId = { $in: filter.installationIds };
      if (filter.unitId !== undefined) query.unitId = filter.unitId;
      if (filter.deviceIds) query.deviceIds = { $in: filter.deviceIds };
      if (filter.types) query.type = { $in: filter.types };
      if (after !== undefined) query.cursor = { $gt: after };
      const found = await changes
        .find(query)
        .sort({ cursor: 1 })
        .limit(Math.max(1, Math.floor(limit)))
        .toArray();
      return found.map(toRecord);
    },
    async loadNotifierState(prefix) {
      // A prefix range, not a regex: FerretDB and MongoDB both walk `_id` for it.
      const found = await state.find({ _id: { $gte: prefix, $lt: `${prefix}\uffff` } }).toArray();
      return new Map(found.map((d) => [d._id, JSON.parse(d.json) as unknown]));
    },
    async saveNotifierState(entries) {
      if (entries.length === 0) return;
      await state.bulkWrite(
        entries.map(([key, value]) => ({
          replaceOne: { filter: { _id: key }, replacement: { json: JSON.stringify(value) }, upsert: true },
        })),
        { ordered: false },
      );
    },
  };
}
