import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { accessSortKey, type AccessLogStore, type AccessRecord } from '../access-log.port.ts';
import { inTransaction } from './sqlite-schema.ts';

/**
 * Access records in node:sqlite: the record as JSON keyed by event id (INSERT OR IGNORE makes a
 * re-delivery a no-op), and one row per organization it names, so both listings walk an index.
 */
export function sqliteAccessLog(db: DatabaseSync): AccessLogStore {
  const insert = db.prepare(
    'INSERT INTO access_events (id, sort_key, consumer_id, doc) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
  );
  const insertOrganization = db.prepare(
    'INSERT INTO access_event_organizations (organization_id, sort_key, id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );

  return {
    async recordAccess(records) {
      inTransaction(db, () => {
        for (const record of records) {
          const key = accessSortKey(record);
          if (Number(insert.run(record.eventId, key, record.consumerId, JSON.stringify(record)).changes) !== 1)
            continue;
          for (const organizationId of new Set(record.organizationIds))
            insertOrganization.run(organizationId, key, record.eventId);
        }
      });
    },
    async listAccess(filter, page) {
      const limit = Math.max(1, Math.floor(page.limit));
      const where: string[] = [];
      const params: SQLInputValue[] = [];
      const byOrganization = filter.organizationId !== undefined;
      if (byOrganization) {
        where.push('o.organization_id = ?');
        params.push(filter.organizationId!);
      }
      if (filter.consumerId !== undefined) {
        where.push('e.consumer_id = ?');
        params.push(filter.consumerId);
      }
      if (page.after !== undefined) {
        where.push(`${byOrganization ? 'o' : 'e'}.sort_key < ?`);
        params.push(page.after);
      }
      const from = byOrganization
        ? 'access_event_organizations o JOIN access_events e ON e.id = o.id'
        : 'access_events e';
      const rows = db
        .prepare(
          `SELECT e.sort_key AS key, e.doc AS doc FROM ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${byOrganization ? 'o' : 'e'}.sort_key DESC LIMIT ?`,
        )
        .all(...params, limit + 1) as { key: string; doc: string }[];
      const items = rows.slice(0, limit);
      return {
        items: items.map((r) => JSON.parse(r.doc) as AccessRecord),
        next: rows.length > limit ? items.at(-1)!.key : null,
      };
    },
  };
}
