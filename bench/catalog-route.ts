/**
 * Catalog-route throughput: GET /v1/organizations through the whole read API (bearer verification,
 * per-consumer rate limiting, catalog read, ETag) against a bare Fastify route answering the same bytes,
 * in the same run with autocannon. The server runs in a child process so the load generator does not
 * share its event loop; the cases alternate within each round and the medians are compared.
 *
 *   node bench/catalog-route.ts                          # node:sqlite catalog, 3 rounds × 10 s, 50 connections
 *   BENCH_CATALOG=memory BENCH_ROUNDS=1 BENCH_DURATION_S=5 node bench/catalog-route.ts
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { createAccessTokenIssuer, createAccessTokenVerifier, generateSigningJwk, signingKeyFromPrivateJwk } from '@medido/auth';
import { createSqliteCatalogStore, type CatalogReader } from '@medido/catalog';
import { event } from '@medido/catalog/testing/catalog-events.fixture';
import { problemHandler } from '@medido/platform';
import { readApi } from '@medido/read-api';
import { inMemoryCatalog } from '../libs/read-api/test/fakes/in-memory-catalog.ts';

interface Result { requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number }
type Autocannon = (options: { url: string; connections: number; duration: number; headers?: Record<string, string> }) => Promise<Result>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const ISSUER = 'http://bench.medido.test';
const AUDIENCE = `${ISSUER}/v1`;
const ORGANIZATIONS = 20;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CATALOG = process.env.BENCH_CATALOG ?? 'sqlite';

const organizations = Array.from({ length: ORGANIZATIONS }, (_, i) => ({
  organizationId: `org-${String(i).padStart(2, '0')}`, name: `Organización ${i}`, visibility: i % 2 ? 'private' as const : 'public' as const,
}));

async function catalogFor(kind: string): Promise<{ catalog: CatalogReader; close: () => Promise<void> }> {
  if (kind === 'memory') return { catalog: inMemoryCatalog({ organizations, installations: [], devices: [] }), close: async () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'medido-bench-'));
  const store = createSqliteCatalogStore({ path: join(dir, 'catalog.sqlite') });
  await store.migrate();
  for (const [i, o] of organizations.entries()) await store.apply(event('OrganizationRegistered', o, 1, i));
  return { catalog: store, close: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
}

async function serve(): Promise<void> {
  const keys = [signingKeyFromPrivateJwk(JSON.parse(process.env.BENCH_JWK!))];
  const { catalog } = await catalogFor(CATALOG);
  const app = Fastify({ logger: false });
  await app.register(problemHandler);
  await app.register(readApi, {
    catalog, measurements: { query: async () => [] }, cursorKeys: [Buffer.alloc(32, 1)],
    verifier: createAccessTokenVerifier(keys, { issuer: ISSUER, audience: AUDIENCE }),
    // High enough never to refuse, so the limiter's bookkeeping is measured, not its 429s.
    rateLimitPerMinute: 1_000_000_000,
  });
  // The baseline: the same answer, precomputed, with no hook, no token and no store.
  const body = JSON.stringify({ organizations: organizations.map((o) => ({ ...o, accessible: o.visibility === 'public' })), nextCursor: null });
  app.get('/bare/organizations', async (_request, reply) => reply.type('application/json; charset=utf-8').send(body));
  await app.listen({ host: '127.0.0.1', port: 0 });
  process.send!({ port: (app.server.address() as AddressInfo).port });
}

async function measure(name: string, url: string, headers?: Record<string, string>): Promise<Result> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, ...(headers ? { headers } : {}) });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  console.log(`  ${name.padEnd(28)} ${result.requests.average.toFixed(0).padStart(8)} req/s   p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms`);
  return result;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const jwk = generateSigningJwk();
  const { token } = createAccessTokenIssuer([signingKeyFromPrivateJwk(jwk)], { issuer: ISSUER, audience: AUDIENCE, ttlSeconds: 900 })
    .issue({ consumerId: 'bench', grants: ['org-01'] });
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--serve'], { env: { ...process.env, BENCH_JWK: JSON.stringify(jwk) } });
  const [{ port }] = await once(child, 'message') as [{ port: number }];
  const base = `http://127.0.0.1:${port}`;
  console.log(`node ${process.version}, ${CATALOG} catalog of ${ORGANIZATIONS} organizations, ${ROUNDS} rounds of ${DURATION_S} s per case, ${CONNECTIONS} connections`);
  const cases = [
    { name: 'bare Fastify route', url: `${base}/bare/organizations`, headers: undefined, rps: [] as number[], p99: [] as number[] },
    { name: 'GET /v1/organizations', url: `${base}/v1/organizations`, headers: { authorization: `Bearer ${token}` }, rps: [] as number[], p99: [] as number[] },
  ];
  try {
    for (const c of cases) await autocannon({ url: c.url, connections: CONNECTIONS, duration: 1, ...(c.headers ? { headers: c.headers } : {}) }); // warm-up
    for (let round = 1; round <= ROUNDS; round++) {
      console.log(`round ${round}`);
      for (const c of cases) {
        const r = await measure(c.name, c.url, c.headers);
        c.rps.push(r.requests.average);
        c.p99.push(r.latency.p99);
      }
    }
  } finally {
    child.kill();
  }
  const [bare, api] = cases.map((c) => ({ rps: median(c.rps), p99: median(c.p99) })) as [{ rps: number; p99: number }, { rps: number; p99: number }];
  console.log(`median req/s: bare ${bare.rps.toFixed(0)} (p99 ${bare.p99} ms), /v1/organizations ${api.rps.toFixed(0)} (p99 ${api.p99} ms)`);
  console.log(`ratio /v1/organizations ÷ bare: ${(api.rps / bare.rps).toFixed(2)}`);
}

if (process.argv[2] === '--serve') await serve();
else await main();
