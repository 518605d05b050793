import { measureCatalogRoute } from '../harness/catalog-route-bench.ts';
import type { BenchContext } from '../harness/context.ts';
import { rowWithBaseline, type BenchRow } from '../harness/report.ts';

const SETTINGS = {
  full: { rounds: 3, durationS: 10, connections: 50 },
  smoke: { rounds: 1, durationS: 1, connections: 10 },
};

/** API overhead: the catalog route with token verification against a bare Fastify route (bench/catalog-route.ts). */
export async function apiSuite(ctx: BenchContext): Promise<BenchRow[]> {
  const s = SETTINGS[ctx.mode];
  ctx.log(`api: GET /v1/organizations vs a bare route, ${s.rounds} × ${s.durationS} s, ${s.connections} connections`);
  const { bare, api } = await measureCatalogRoute({ ...s, log: (line) => ctx.log(`api: ${line}`) });
  return [
    rowWithBaseline({
      id: 'api.catalog-route',
      metric: 'GET /v1/organizations (token verified, rate-limited, catalog read)',
      value: api.rps,
      unit: 'req/s',
      baseline: { value: bare.rps, label: 'bare Fastify route, same bytes' },
      targets: [{ on: 'ratio', op: '>=', limit: 0.6 }], // issue 14: catalog routes ≥ 0.6 × a bare route
      note: `node:sqlite catalog of 20 organizations; p99 ${api.p99} ms vs ${bare.p99} ms bare; ${s.connections} connections, median of ${s.rounds} × ${s.durationS} s`,
    }),
  ];
}
