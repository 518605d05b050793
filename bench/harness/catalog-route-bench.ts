import { fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createAccessTokenIssuer, generateSigningJwk, signingKeyFromPrivateJwk } from '@medido/auth';
import { autocannon } from './autocannon.ts';
import { median } from './stats.ts';

export const BENCH_ISSUER = 'http://bench.medido.test';
export const BENCH_AUDIENCE = `${BENCH_ISSUER}/v1`;
const ORGANIZATIONS = 20;

export function benchOrganizations() {
  return Array.from({ length: ORGANIZATIONS }, (_, i) => ({
    organizationId: `org-${String(i).padStart(2, '0')}`,
    name: `Organización ${i}`,
    visibility: i % 2 ? ('private' as const) : ('public' as const),
  }));
}

export interface CatalogRouteOptions {
  rounds: number;
  durationS: number;
  connections: number;
  /** `sqlite` (the embedded catalog, default) or `memory`. */
  catalog?: string;
  log?: (line: string) => void;
}

export interface RouteFigures {
  rps: number;
  p50: number;
  p99: number;
}

/**
 * GET /v1/organizations through the whole read API against a bare Fastify route answering the same
 * bytes, in one server (a child process, so the load generator does not share its event loop), driven by
 * autocannon; the cases alternate within each round and the medians are compared.
 */
export async function measureCatalogRoute(
  options: CatalogRouteOptions,
): Promise<{ bare: RouteFigures; api: RouteFigures }> {
  const log = options.log ?? (() => {});
  const jwk = generateSigningJwk();
  const { token } = createAccessTokenIssuer([signingKeyFromPrivateJwk(jwk)], {
    issuer: BENCH_ISSUER,
    audience: BENCH_AUDIENCE,
    ttlSeconds: 900,
  }).issue({ consumerId: 'bench', grants: ['org-01'] });
  const child = fork(join(import.meta.dirname, 'catalog-route-server.ts'), [], {
    env: { ...process.env, BENCH_JWK: JSON.stringify(jwk), BENCH_CATALOG: options.catalog ?? 'sqlite' },
  });
  try {
    const [{ port }] = (await once(child, 'message')) as [{ port: number }];
    const base = `http://127.0.0.1:${port}`;
    const cases: { name: string; url: string; headers: Record<string, string>; runs: RouteFigures[] }[] = [
      { name: 'bare Fastify route', url: `${base}/bare/organizations`, headers: {}, runs: [] as RouteFigures[] },
      {
        name: 'GET /v1/organizations',
        url: `${base}/v1/organizations`,
        headers: { authorization: `Bearer ${token}` },
        runs: [] as RouteFigures[],
      },
    ];
    const run = async (c: (typeof cases)[number], duration: number): Promise<RouteFigures> => {
      const result = await autocannon({ url: c.url, connections: options.connections, duration, headers: c.headers });
      if (result.non2xx > 0 || result.errors > 0)
        throw new Error(`${c.name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
      return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
    };
    for (const c of cases) await run(c, 1); // warm-up: JIT, connections
    for (let round = 1; round <= options.rounds; round++) {
      for (const c of cases) {
        const figures = await run(c, options.durationS);
        c.runs.push(figures);
        log(
          `round ${round}: ${c.name.padEnd(24)} ${figures.rps.toFixed(0).padStart(8)} req/s   p50 ${figures.p50} ms   p99 ${figures.p99} ms`,
        );
      }
    }
    const summary = (runs: RouteFigures[]) => ({
      rps: median(runs.map((r) => r.rps)),
      p50: median(runs.map((r) => r.p50)),
      p99: median(runs.map((r) => r.p99)),
    });
    return { bare: summary(cases[0]!.runs), api: summary(cases[1]!.runs) };
  } finally {
    child.disconnect();
  }
}
