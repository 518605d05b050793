import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, inject } from 'vitest';
import { uniqueName } from '../../../test/fixtures.ts';
import { describeCatalogStoreContract } from '../src/testing/catalog-store.contract.ts';
import { createMongoCatalogStore } from '../src/mongo/mongo-catalog-store.ts';

let client: MongoClient;
const databases: string[] = [];
beforeAll(async () => {
  client = await new MongoClient(inject('mongoUrl')).connect();
});
afterAll(async () => {
  await Promise.all(databases.map((name) => client.db(name).dropDatabase()));
  await client.close();
});

describeCatalogStoreContract('MongoDB (FerretDB)', () => {
  const database = uniqueName('cat');
  databases.push(database);
  return createMongoCatalogStore({ client, database });
});
