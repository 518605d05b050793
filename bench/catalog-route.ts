/**
 * Catalog-route throughput: GET /v1/organizations through the whole read API (bearer verification,
 * per-consumer rate limiting, catalog read, ETag) against a bare Fastify route answering the same bytes,
 * in the same run with autocannon (see harness/catalog-route-bench.ts). `npm run bench` runs it too.
 *
 *   node bench/catalog-route.ts                          # node:sqlite catalog, 3 rounds × 10 s, 50 connections
 *   BENCH_CATALOG=memory BENCH_ROUNDS=1 BENCH_DURATION_S=5 node bench/catalog-route.ts
 */
import { measureCatalogRoute } from './harness/catalog-route-bench.ts';

const options = {
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  durationS: Number(process.env.BENCH_DURATION_S ?? 10),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  catalog: process.env.BENCH_CATALOG ?? 'sqlite',
};
console.log(
  `node ${process.version}, ${options.catalog} catalog, ${options.rounds} rounds of ${options.durationS} s per case, ${options.connections} connections`,
);
const { bare, api } = await measureCatalogRoute({ ...options, log: (line) => console.log(`  ${line}`) });
console.log(
  `median req/s: bare ${bare.rps.toFixed(0)} (p99 ${bare.p99} ms), /v1/organizations ${api.rps.toFixed(0)} (p99 ${api.p99} ms)`,
);
console.log(`ratio /v1/organizations ÷ bare: ${(api.rps / bare.rps).toFixed(2)}`);
