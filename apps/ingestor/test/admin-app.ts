import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { Credentials, ingestorPlugin, type ConsumerDirectory, type ConsumerRegistry } from '@medido/ingest';
import { problemHandler } from '@medido/platform';
import { ADMIN_TOKEN, INGEST_TOKEN, auth, type SwitchableBus } from './ingestor-fixtures.ts';

/** The ingestor's routes on a bare host, as the roles mount them, with the admin registry under test. */
export async function adminApp(options: {
  bus: SwitchableBus;
  registry: ConsumerRegistry;
  consumers?: ConsumerDirectory;
  now?: () => number;
}): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(problemHandler);
  await app.register(ingestorPlugin, {
    bus: options.bus,
    registry: options.registry,
    credentials: Credentials.fromLists({ ingest: INGEST_TOKEN, admin: ADMIN_TOKEN }),
    maxBodyBytes: 1_000_000,
    ...(options.consumers ? { consumers: options.consumers } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  await app.ready();
  return app;
}

export type Admin = (method: 'POST' | 'PUT' | 'GET', url: string, payload?: object) => Promise<LightMyRequestResponse>;

export const asAdmin =
  (app: FastifyInstance): Admin =>
  (method, url, payload) =>
    app.inject({ method, url, ...(payload ? { payload } : {}), headers: auth(ADMIN_TOKEN) });
