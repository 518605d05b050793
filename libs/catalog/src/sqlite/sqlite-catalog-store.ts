import { DatabaseSync } from 'node:sqlite';
import type { CatalogStore } from '../catalog-store.port.ts';
import { createDocumentCatalog } from '../document-catalog.ts';
import { createRefreshTokenStore } from '../refresh-token-families.ts';
import { sqliteAccessLog } from './sqlite-access-log.ts';
import { sqliteChangeLog } from './sqlite-change-log.ts';
import { sqliteDeliveryStates } from './sqlite-deliveries.ts';
import { sqliteDocuments } from './sqlite-documents.ts';
import { sqliteRefresh } from './sqlite-refresh.ts';
import { migrateSqlite } from './sqlite-schema.ts';

export interface SqliteCatalogStoreOptions {
  /** Database file (created if missing); the embedded default keeps it under MEDIDO_DATA_DIR. */
  path: string;
}

/**
 * The catalog store on Node's built-in SQLite, for the embedded default. WAL lets readers run beside
 * the writer; synchronous=FULL makes every committed write (a used refresh token above all) survive a
 * power loss, at the cost of one WAL fsync per commit, small at catalog write rates.
 * @see https://www.sqlite.org/wal.html
 * The schema is applied on open (prepared statements need their tables); migrate() is then a no-op.
 */
export function createSqliteCatalogStore(options: SqliteCatalogStoreOptions): CatalogStore {
  const db = new DatabaseSync(options.path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;');
  migrateSqlite(db);
  const tokens = createRefreshTokenStore(sqliteRefresh(db));
  return {
    ...createDocumentCatalog(sqliteDocuments(db), tokens),
    refreshTokens: tokens,
    ...sqliteAccessLog(db),
    ...sqliteChangeLog(db),
    ...sqliteDeliveryStates(db),
    async migrate() {
      migrateSqlite(db);
    },
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      if (db.isOpen) db.close();
    },
  };
}
