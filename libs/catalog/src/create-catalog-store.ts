import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '@medido/platform';
import type { CatalogStore } from './catalog-store.port.ts';
import { createMongoCatalogStore } from './mongo/mongo-catalog-store.ts';
import { createSqliteCatalogStore } from './sqlite/sqlite-catalog-store.ts';

export const EMBEDDED_CATALOG_FILE = 'catalog.sqlite';

/** MongoDB when MEDIDO_MONGO_URL is set, else the embedded node:sqlite file in MEDIDO_DATA_DIR. */
export function createCatalogStore(
  config: Pick<Config, 'MEDIDO_MONGO_URL' | 'MEDIDO_MONGO_DATABASE' | 'MEDIDO_DATA_DIR'>,
): CatalogStore {
  if (config.MEDIDO_MONGO_URL)
    return createMongoCatalogStore({ url: config.MEDIDO_MONGO_URL, database: config.MEDIDO_MONGO_DATABASE });
  mkdirSync(config.MEDIDO_DATA_DIR, { recursive: true, mode: 0o700 });
  return createSqliteCatalogStore({ path: join(config.MEDIDO_DATA_DIR, EMBEDDED_CATALOG_FILE) });
}
