import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, inject } from 'vitest';
import { uniqueName } from '../../../test/fixtures.ts';
import { mongoConsumerRegistry } from '../src/admin/registry/mongo-consumer-registry.ts';
import { describeConsumerRegistryContract } from '../src/testing/consumer-registry.contract.ts';

// Two clients: concurrent inserts reach FerretDB over separate connections, as from two ingestor replicas.
let clients: MongoClient[];
const databases: string[] = [];
beforeAll(async () => {
  clients = await Promise.all([0, 1].map(() => new MongoClient(inject('mongoUrl')).connect()));
});
afterAll(async () => {
  await Promise.all(databases.map((name) => clients[0]!.db(name).dropDatabase()));
  await Promise.all(clients.map((c) => c.close()));
});

describeConsumerRegistryContract('MongoDB (FerretDB), two connections', async () => {
  const database = uniqueName('reg');
  databases.push(database);
  const [a, b] = clients.map((c) => mongoConsumerRegistry(c.db(database)));
  await a!.migrate();
  // Alternate connections call by call, so racing calls of one test travel on different sockets.
  let turn = 0;
  const pick = () => (turn++ % 2 === 0 ? a! : b!);
  return {
    recordConsumer: (r) => pick().recordConsumer(r),
    findConsumer: (id) => pick().findConsumer(id),
    claimSubject: (c) => pick().claimSubject(c),
    findSubject: (s) => pick().findSubject(s),
    releaseSubject: (s, t) => pick().releaseSubject(s, t),
    migrate: () => a!.migrate(),
    close: async () => {},
  };
});
