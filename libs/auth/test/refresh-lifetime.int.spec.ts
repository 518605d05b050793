import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, inject } from 'vitest';
import { createMongoCatalogStore } from '@medido/catalog';
import { uniqueName } from '../../../test/fixtures.ts';
import { describeRefreshLifetime } from './refresh-lifetime.cases.ts';

/** The "log in once" lifetime on the production store: MongoDB protocol (FerretDB), its unique indexes included. */
let client: MongoClient;
const database = uniqueName('auth-lifetime');
beforeAll(async () => {
  client = await new MongoClient(inject('mongoUrl')).connect();
});
afterAll(async () => {
  await client.db(database).dropDatabase();
  await client.close();
});

describeRefreshLifetime('MongoDB (FerretDB)', async () => {
  const store = createMongoCatalogStore({ client, database });
  await store.migrate();
  return store.refreshTokens;
});
