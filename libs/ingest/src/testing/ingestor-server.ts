import Fastify, { type FastifyInstance } from 'fastify';
import type { EventBus } from '@medido/event-bus';
import { problemHandler } from '@medido/platform';
import type { ConsumerDirectory } from '../admin/consumer-directory.ts';
import { Credentials } from '../credentials/credentials.ts';
import { ingestorPlugin } from '../ingestor.plugin.ts';

/**
 * The ingestor's plugin on a Fastify instance of its own, listening on loopback: what the ingestor (or
 * the embedded default) serves, for a client under test that speaks HTTP. Accepts the `ingest` and
 * `admin` tokens; `consumers` is the read model behind the admin listings, where a test needs one.
 * Close `app` after the tests.
 */
export async function listenIngestor(options: {
  bus: EventBus;
  tokens: { ingest: string; admin: string };
  consumers?: ConsumerDirectory;
}): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify();
  await app.register(problemHandler);
  await app.register(ingestorPlugin, {
    bus: options.bus,
    credentials: Credentials.fromLists(options.tokens),
    maxBodyBytes: 1 << 20,
    ...(options.consumers ? { consumers: options.consumers } : {}),
  });
  return { app, url: await app.listen({ port: 0, host: '127.0.0.1' }) };
}
