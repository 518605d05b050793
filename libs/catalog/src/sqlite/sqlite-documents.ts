import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { DocumentBackend, DocumentQuery } from '../document-backend.port.ts';
import type { CatalogDocuments, CollectionName } from '../projection/documents.ts';
import { DEFAULT_DEVICE_STATUS } from '../read-model-views.ts';
import { inTransaction } from './sqlite-schema.ts';

type AnyDoc = CatalogDocuments[CollectionName];

/** The indexed columns of each table, taken from the document on every write. */
const COLUMNS: { [C in CollectionName]: Record<string, (doc: CatalogDocuments[C]) => string | null> } = {
  organizations: {},
  installations: { organization_id: (d) => d.organizationId },
  devices: { installation_id: (d) => d.installationId, unit_id: (d) => d.unitId },
  consumers: { subject: (d) => d.subject },
  subscriptions: { consumer_id: (d) => d.consumerId },
};

/**
 * SQLite's lower() folds ASCII only; names are matched with JavaScript's Unicode lower case, as the
 * MongoDB adapter's case-insensitive $regex does.
 * @see https://www.sqlite.org/lang_corefunc.html#lower
 */
const FOLD = 'medido_lower';

/** SQL of a query, from fixed fragments only; every value is a parameter (id lists as one JSON array). */
function whereOf(query: DocumentQuery): { sql: string[]; params: SQLInputValue[] } {
  const sql = ['live = 1'];
  const params: SQLInputValue[] = [];
  const add = (fragment: string, value: SQLInputValue) => {
    sql.push(fragment);
    params.push(value);
  };
  const inList = (column: string, ids: string[]) =>
    add(`${column} IN (SELECT value FROM json_each(?))`, JSON.stringify(ids));
  switch (query.collection) {
    case 'organizations':
      break;
    case 'consumers':
      if (query.subject !== undefined) add('subject = ?', query.subject);
      break;
    case 'subscriptions':
      if (query.consumerId !== undefined) add('consumer_id = ?', query.consumerId);
      break;
    case 'installations':
      if (query.organizationIds) inList('organization_id', query.organizationIds);
      if (query.unitId !== undefined)
        add('id IN (SELECT installation_id FROM installation_units WHERE unit_id = ?)', query.unitId);
      if (query.nameContains !== undefined)
        add(`instr(${FOLD}(json_extract(doc, '$.name')), ?) > 0`, query.nameContains.toLowerCase());
      break;
    case 'devices':
      if (query.installationIds) inList('installation_id', query.installationIds);
      if (query.unitId !== undefined) add('unit_id = ?', query.unitId);
      if (query.deviceIds) inList('id', query.deviceIds);
      // The expression of the devices_by_*_status indexes (sqlite-schema.ts); never stated reads as the default.
      if (query.status !== undefined)
        add(`coalesce(json_extract(doc, '$.status'), '${DEFAULT_DEVICE_STATUS}') = ?`, query.status);
      if (query.variable !== undefined)
        add(
          `EXISTS (SELECT 1 FROM json_each(doc, '$.variables') WHERE json_extract(value, '$.name') = ?)`,
          query.variable,
        );
      if (query.nameContains !== undefined)
        add(`instr(${FOLD}(json_extract(doc, '$.name')), ?) > 0`, query.nameContains.toLowerCase());
      break;
    default: {
      const _exhaustive: never = query;
      throw new TypeError(`unknown query ${JSON.stringify(_exhaustive)}`);
    }
  }
  return { sql, params };
}

/** Catalog documents in node:sqlite: the same JSON documents and compare-and-set as the MongoDB adapter. */
export function sqliteDocuments(db: DatabaseSync): DocumentBackend {
  db.function(FOLD, { deterministic: true }, (text) => (typeof text === 'string' ? text.toLowerCase() : null));
  const statements = new Map<string, StatementSync>();
  const prepared = (sql: string): StatementSync => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  function store(collection: CollectionName, id: string, doc: AnyDoc, expectedRev: number | null): boolean {
    const columns = COLUMNS[collection] as Record<string, (d: AnyDoc) => string | null>;
    const names = [...Object.keys(columns), 'live', 'doc'];
    const values = [...Object.values(columns).map((column) => column(doc)), doc.live ? 1 : 0, JSON.stringify(doc)];
    const changed =
      expectedRev === null
        ? prepared(`INSERT INTO ${collection} (${names.join(', ')}, id, rev) VALUES (${names.map(() => '?').join(', ')}, ?, 1)
          ON CONFLICT (id) DO NOTHING`).run(...values, id).changes
        : prepared(
            `UPDATE ${collection} SET ${names.map((n) => `${n} = ?`).join(', ')}, rev = rev + 1 WHERE id = ? AND rev = ?`,
          ).run(...values, id, expectedRev).changes;
    if (Number(changed) !== 1) return false;
    if (collection === 'installations') {
      prepared('DELETE FROM installation_units WHERE installation_id = ?').run(id);
      for (const unit of (doc as CatalogDocuments['installations']).units) {
        prepared('INSERT INTO installation_units (unit_id, installation_id) VALUES (?, ?)').run(unit.unitId, id);
      }
    }
    return true;
  }

  return {
    async read<C extends CollectionName>(collection: C, id: string) {
      const row = prepared(`SELECT rev, doc FROM ${collection} WHERE id = ?`).get(id) as
        { rev: number; doc: string } | undefined;
      return row ? { doc: JSON.parse(row.doc) as CatalogDocuments[C], rev: row.rev } : null;
    },
    async write(collection, id, doc, expectedRev) {
      return inTransaction(db, () => store(collection, id, doc, expectedRev));
    },
    async readMany<C extends CollectionName>(collection: C, ids: string[]) {
      const rows = prepared(`SELECT doc FROM ${collection} WHERE id IN (SELECT value FROM json_each(?))`).all(
        JSON.stringify(ids),
      ) as { doc: string }[];
      return rows.map((r) => JSON.parse(r.doc) as CatalogDocuments[C]);
    },
    async find<Q extends DocumentQuery>(query: Q, after: string | undefined, limit: number) {
      const { sql, params } = whereOf(query);
      if (after !== undefined) {
        sql.push('id > ?');
        params.push(after);
      }
      const rows = prepared(`SELECT doc FROM ${query.collection} WHERE ${sql.join(' AND ')} ORDER BY id LIMIT ?`).all(
        ...params,
        limit,
      ) as { doc: string }[];
      return rows.map((r) => JSON.parse(r.doc) as CatalogDocuments[Q['collection']]);
    },
  };
}
