import { MongoClient } from 'mongodb';
import type { FastifyInstance } from 'fastify';
import { mongoConsumerRegistry } from '@medido/ingest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { uniqueName } from '../../../test/fixtures.ts';
import { adminApp, asAdmin } from './admin-app.ts';
import { SwitchableBus, embeddedBus } from './ingestor-fixtures.ts';

/**
 * Two ingestor replicas, each with its own MongoDB connection to one registry on FerretDB (no
 * transactions, conditional updates not isolated): simultaneous creations race only through unique inserts.
 */
const database = uniqueName('admin');
let clients: MongoClient[];
let apps: FastifyInstance[];
let disposeBus: () => Promise<void>;
beforeAll(async () => {
  const embedded = await embeddedBus();
  disposeBus = embedded.dispose;
  const bus = new SwitchableBus(embedded.bus);
  clients = await Promise.all([0, 1].map(() => new MongoClient(inject('mongoUrl')).connect()));
  const registries = clients.map((c) => mongoConsumerRegistry(c.db(database)));
  await registries[0]!.migrate();
  apps = await Promise.all(registries.map((registry) => adminApp({ bus, registry })));
});
afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
  await clients[0]!.db(database).dropDatabase();
  await Promise.all(clients.map((c) => c.close()));
  await disposeBus();
});

const create = (replica: number, body: Record<string, unknown>) =>
  asAdmin(apps[replica % 2]!)('POST', '/v1/admin/consumers', { email: 'x@example.cl', ...body });

describe('admin creations racing on two replicas over FerretDB', () => {
  it('accept exactly one of simultaneous creations with one subject; the others get 409 CONSUMER_SUBJECT_TAKEN', async () => {
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all(
        [0, 1, 2, 3].map((i) =>
          create(i, { consumerId: `c-${round}-${i}`, name: `N${i}`, subject: `idp|race-${round}` }),
        ),
      );
      expect(answers.map((a) => a.statusCode).sort()).toEqual([202, 409, 409, 409]);
      expect(answers.filter((a) => a.statusCode === 409).map((a) => a.json().code)).toEqual([
        'CONSUMER_SUBJECT_TAKEN',
        'CONSUMER_SUBJECT_TAKEN',
        'CONSUMER_SUBJECT_TAKEN',
      ]);
    }
  });

  it("accept exactly one of simultaneous creations with one id, and leave the losers' subjects free", async () => {
    const answers = await Promise.all(
      [0, 1, 2, 3].map((i) => create(i, { consumerId: 'c-same', name: `N${i}`, subject: `idp|same-${i}` })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([202, 409, 409, 409]);
    const lost = answers
      .map((a, i) => [a.statusCode, i] as const)
      .filter(([status]) => status === 409)
      .map(([, i]) => i);
    for (const i of lost)
      expect((await create(i, { consumerId: `c-other-${i}`, name: 'Free', subject: `idp|same-${i}` })).statusCode).toBe(
        202,
      );
  });

  it('answer grants on a consumer created on the other replica', async () => {
    const { consumerId } = (await create(0, { name: 'Cross', subject: 'idp|cross' })).json();
    expect(
      (await asAdmin(apps[1]!)('PUT', `/v1/admin/consumers/${consumerId}/grants`, { grants: ['org-1'] })).statusCode,
    ).toBe(202);
  });
});
