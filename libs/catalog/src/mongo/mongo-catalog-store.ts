import type { Db, IndexDescription, MongoClient, MongoClientOptions } from 'mongodb';
import { ConfigError, ensureCollection, loadOnFirstUse } from '@medido/platform';
import type { CatalogStore } from '../catalog-store.port.ts';
import { createDocumentCatalog } from '../document-catalog.ts';
import { createRefreshTokenStore } from '../refresh-token-families.ts';
import { ACCESS_COLLECTION, ACCESS_INDEXES, mongoAccessLog } from './mongo-access-log.ts';
import { CHANGES_COLLECTION, CHANGES_INDEXES, mongoChangeLog, NOTIFIER_STATE_COLLECTION } from './mongo-change-log.ts';
import { mongoDocuments } from './mongo-documents.ts';
import { DELIVERIES_COLLECTION, mongoDeliveryStates } from './mongo-deliveries.ts';
import { mongoRefresh, REFRESH_COLLECTIONS } from './mongo-refresh.ts';

export type MongoCatalogStoreOptions =
  | { url: string; database: string; clientOptions?: MongoClientOptions }
  /** A client the caller owns: close() leaves it open. */
  | { client: MongoClient; database: string };

/**
 * Every collection and the indexes behind each read-API query. Plain (non-partial, non-TTL) indexes
 * only, so they also build on FerretDB. Subjects are not unique: see CatalogReader.findConsumerBySubject.
 */
const INDEXES: Record<string, IndexDescription[]> = {
  organizations: [],
  installations: [{ key: { organizationId: 1, _id: 1 } }, { key: { 'units.unitId': 1 } }],
  // The status and variable filters narrow an installation or unit (catalog-store.port.ts DeviceFilter).
  devices: [
    { key: { installationId: 1, _id: 1 } },
    { key: { unitId: 1, _id: 1 } },
    { key: { installationId: 1, status: 1, _id: 1 } },
    { key: { unitId: 1, status: 1, _id: 1 } },
    { key: { 'variables.name': 1 } },
  ],
  consumers: [{ key: { subject: 1 } }],
  subscriptions: [{ key: { consumerId: 1, _id: 1 } }],
  [DELIVERIES_COLLECTION]: [],
  [REFRESH_COLLECTIONS.families]: [
    { key: { firstHash: 1 }, unique: true },
    { key: { consumerId: 1 } },
    { key: { absoluteExpiresAt: 1 } },
  ],
  [REFRESH_COLLECTIONS.uses]: [
    { key: { familyId: 1 } },
    { key: { nextHash: 1 }, unique: true },
    { key: { absoluteExpiresAt: 1 } },
  ],
  [REFRESH_COLLECTIONS.revocations]: [{ key: { absoluteExpiresAt: 1 } }],
  [ACCESS_COLLECTION]: ACCESS_INDEXES,
  [CHANGES_COLLECTION]: CHANGES_INDEXES,
  [NOTIFIER_STATE_COLLECTION]: [],
};

const DATABASE_NAME = /^[A-Za-z0-9_-]{1,63}$/;

export async function migrateMongo(db: Db): Promise<void> {
  for (const [name, indexes] of Object.entries(INDEXES)) {
    await ensureCollection(db, name);
    // One index per command: FerretDB 1.24 drops the connection on a multi-index createIndexes whose
    // indexes already exist, while single ones are idempotent as on MongoDB.
    for (const { key, ...options } of indexes) await db.collection(name).createIndex(key, options);
  }
}

/** Loaded by the first MongoDB store: its import adds ~12 MiB of private memory the embedded default never needs. */
const mongoDriver = loadOnFirstUse<typeof import('mongodb')>(import.meta.url, 'mongodb');

/** The catalog store on MongoDB (or FerretDB). The client connects on first use. */
export function createMongoCatalogStore(options: MongoCatalogStoreOptions): CatalogStore {
  if (!DATABASE_NAME.test(options.database))
    throw new ConfigError(`invalid MongoDB database name ${JSON.stringify(options.database)}`);
  const owned = 'url' in options;
  const client = owned ? new (mongoDriver().MongoClient)(options.url, options.clientOptions) : options.client;
  const db = client.db(options.database);
  const tokens = createRefreshTokenStore(mongoRefresh(db));
  return {
    ...createDocumentCatalog(mongoDocuments(db), tokens),
    refreshTokens: tokens,
    ...mongoAccessLog(db),
    ...mongoChangeLog(db),
    ...mongoDeliveryStates(db),
    migrate: () => migrateMongo(db),
    async ping() {
      await db.command({ ping: 1 });
    },
    async close() {
      if (owned) await client.close();
    },
  };
}
