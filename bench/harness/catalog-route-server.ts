/**
 * Child process of the catalog-route bench: the read API (bearer verification, per-consumer rate
 * limiting, catalog read, ETag) and, beside it, a bare Fastify route answering the same bytes.
 * Started by catalog-route-bench.ts with the signing key in BENCH_JWK.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { createAccessTokenVerifier, signingKeyFromPrivateJwk } from '@medido/auth';
import { createSqliteCatalogStore, type CatalogReader } from '@medido/catalog';
import { event } from '@medido/catalog/testing/catalog-events.fixture';
import { problemHandler } from '@medido/platform';
import { readApi } from '@medido/read-api';
import { inMemoryCatalog } from '../../libs/read-api/test/fakes/in-memory-catalog.ts';
import { BENCH_AUDIENCE, BENCH_ISSUER, benchOrganizations } from './catalog-route-bench.ts';

async function catalogFor(kind: string): Promise<{ catalog: CatalogReader; close: () => Promise<void> }> {
  const organizations = benchOrganizations();
  if (kind === 'memory')
    return { catalog: inMemoryCatalog({ organizations, installations: [], devices: [] }), close: async () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'medido-bench-'));
  const store = createSqliteCatalogStore({ path: join(dir, 'catalog.sqlite') });
  await store.migrate();
  for (const [i, o] of organizations.entries()) await store.apply(event('OrganizationRegistered', o, 1, i));
  return {
    catalog: store,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const keys = [signingKeyFromPrivateJwk(JSON.parse(process.env.BENCH_JWK!))];
const { catalog, close } = await catalogFor(process.env.BENCH_CATALOG ?? 'sqlite');
const app = Fastify({ logger: false });
await app.register(problemHandler);
await app.register(readApi, {
  catalog,
  measurements: { query: async () => [], lastSeen: async () => new Map() },
  cursorKeys: [Buffer.alloc(32, 1)],
  verifier: createAccessTokenVerifier(keys, { issuer: BENCH_ISSUER, audience: BENCH_AUDIENCE }),
  // High enough never to refuse, so the limiter's bookkeeping is measured, not its 429s.
  rateLimitPerMinute: 1_000_000_000,
});
// The baseline: the same answer, precomputed, with no hook, no token and no store.
const body = JSON.stringify({
  organizations: benchOrganizations().map((o) => ({ ...o, accessible: o.visibility === 'public' })),
  nextCursor: null,
});
app.get('/bare/organizations', async (_request, reply) => reply.type('application/json; charset=utf-8').send(body));
await app.listen({ host: '127.0.0.1', port: 0 });
// The server lives exactly as long as the bench that forked it.
process.on('disconnect', () => {
  void app
    .close()
    .then(close)
    .finally(() => process.exit(0));
});
process.send!({ port: (app.server.address() as AddressInfo).port });
