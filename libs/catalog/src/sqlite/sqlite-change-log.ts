import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { cursorOf } from '../change-cursor.ts';
import type { ChangeLogStore, ChangeRecord } from '../change-log.port.ts';
import type { NotifierStateStore } from '../notifier-state.port.ts';
import { inTransaction } from './sqlite-schema.ts';

/**
 * The change log in node:sqlite: one row per change, the sequence as the integer key (the cursor is its
 * zero-padded text), the event id unique (a re-derived change is skipped), plus one row per meter it
 * names so the device filter walks an index.
 */
export function sqliteChangeLog(db: DatabaseSync): ChangeLogStore & NotifierStateStore {
  const byId = db.prepare('SELECT doc FROM change_events WHERE id = ?');
  const insert = db.prepare(`INSERT INTO change_events (seq, id, type, organization_id, installation_id, unit_id, doc)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insertDevice = db.prepare(
    'INSERT INTO change_event_devices (device_id, seq) VALUES (?, ?) ON CONFLICT DO NOTHING',
  );
  const maxSeq = db.prepare('SELECT max(seq) AS seq FROM change_events');
  const upsertState = db.prepare(
    'INSERT INTO notifier_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const latest = () => (maxSeq.get() as { seq: number | null }).seq;

  return {
    readsLocally: true,
    async latestCursor() {
      const seq = latest();
      return seq === null ? null : cursorOf(seq);
    },
    async appendChanges(input) {
      return inTransaction(db, () => {
        let seq = latest() ?? 0;
        const seen = new Map<string, ChangeRecord>();
        return input.map((change) => {
          // An indexed lookup here, so `unseen` (AppendOptions) has nothing to save.
          const known = seen.get(change.id) ?? (byId.get(change.id) as { doc: string } | undefined);
          if (known) return 'doc' in known ? (JSON.parse(known.doc) as ChangeRecord) : known;
          const record = JSON.parse(JSON.stringify({ ...change, cursor: cursorOf(++seq) })) as ChangeRecord;
          insert.run(
            seq,
            record.id,
            record.type,
            record.organizationId,
            record.installationId,
            record.unitId ?? null,
            JSON.stringify(record),
          );
          for (const deviceId of new Set(record.deviceIds)) insertDevice.run(deviceId, seq);
          seen.set(record.id, record);
          return record;
        });
      });
    },
    async changesAfter(filter, after, limit) {
      const where: string[] = [];
      const params: SQLInputValue[] = [];
      const anyOf = (column: string, values: string[]) => {
        where.push(values.length === 0 ? '0' : `${column} IN (${values.map(() => '?').join(', ')})`);
        params.push(...values);
      };
      if (filter.organizationIds) anyOf('e.organization_id', filter.organizationIds);
      if (filter.installationIds) anyOf('e.installation_id', filter.installationIds);
      if (filter.types) anyOf('e.type', filter.types);
      if (filter.unitId !== undefined) {
        where.push('e.unit_id = ?');
        params.push(filter.unitId);
      }
      if (filter.deviceIds) {
        where.push(
          filter.deviceIds.length === 0
            ? '0'
            : `EXISTS (SELECT 1 FROM change_event_devices d WHERE d.seq = e.seq AND d.device_id IN (${filter.deviceIds.map(() => '?').join(', ')}))`,
        );
        params.push(...filter.deviceIds);
      }
      if (after !== undefined) {
        where.push('e.seq > ?');
        params.push(Number(after));
      }
      const rows = db
        .prepare(
          `SELECT doc FROM change_events e ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.seq LIMIT ?`,
        )
        .all(...params, Math.max(1, Math.floor(limit))) as { doc: string }[];
      return rows.map((r) => JSON.parse(r.doc) as ChangeRecord);
    },
    async loadNotifierState(prefix) {
      const rows = db
        .prepare('SELECT key, value FROM notifier_state WHERE key >= ? AND key < ?')
        .all(prefix, `${prefix}\uffff`) as { key: string; value: string }[];
      return new Map(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
    },
    async saveNotifierState(entries) {
      inTransaction(db, () => {
        for (const [key, value] of entries) upsertState.run(key, JSON.stringify(value));
      });
    },
  };
}
