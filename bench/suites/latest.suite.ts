import { autocannon } from '../harness/autocannon.ts';
import type { ServerContext } from '../harness/context.ts';
import { INSTALLATION_ID, meterValue, type Fleet } from '../harness/fleet.ts';
import type { BenchRow } from '../harness/report.ts';
import { median } from '../harness/stats.ts';
import { PROBE_DEVICE } from './freshness.suite.ts';
import { eventually } from '@medido/platform/testing/eventually';

/**
 * One connection: the row is the latency of the request itself (a dashboard refreshing an installation),
 * not the queueing of concurrent requests on a 2-core box shared with the engine (the API row measures throughput).
 */
const SETTINGS = {
  full: { rounds: 3, durationS: 10, connections: 1 },
  smoke: { rounds: 1, durationS: 1, connections: 1 },
};
const P99_TARGET_MS = 50;

interface LatestBody {
  series: { deviceId: string; ts: string | null; value: number | null }[];
}

/** One answer checked against the fleet: every meter's newest reading is the fleet's last one, value included. */
async function checkAnswer(ctx: ServerContext, url: string, token: string): Promise<number> {
  const f: Fleet = ctx.fleet;
  let series: LatestBody['series'] = [];
  // The catalog's projector may still be writing some meters (the seed waits for the probe meter only).
  await eventually(
    async () => {
      const answer = await ctx.http.send('GET', url, { authorization: `Bearer ${token}` });
      if (answer.status !== 200) throw new Error(`latest answered ${answer.status}: ${answer.body.slice(0, 300)}`);
      series = (JSON.parse(answer.body) as LatestBody).series;
      return series.length === f.meters.length + 1;
    },
    `every meter in GET /v1/latest`,
    120_000,
    200,
  );
  const lastTs = f.end - (f.recentDays > 0 ? f.recentStepMs : f.historyStepMs);
  for (const [m, id] of f.meters.entries()) {
    const s = series.find((x) => x.deviceId === id);
    const ts = m < f.metersPerUnit && f.recentDays > 0 ? lastTs : f.end - f.historyStepMs;
    if (!s || s.ts !== new Date(ts).toISOString() || s.value !== meterValue(m, ts)) {
      throw new Error(
        `latest of ${id}: ${JSON.stringify(s)}, expected ${new Date(ts).toISOString()} = ${meterValue(m, ts)}`,
      );
    }
  }
  return series.length;
}

/**
 * `GET /v1/latest` for the whole bench installation (every meter of the fleet and the probe meter) through
 * the whole read API — bearer verification, rate limit, the catalog's meters (FerretDB), the store's
 * per-series index (chDB), JSON — with autocannon; p50 and p99 are the medians over the rounds.
 */
export async function latestSuite(ctx: ServerContext): Promise<BenchRow[]> {
  const s = SETTINGS[ctx.mode];
  const token = await ctx.server.accessToken();
  const url = `${ctx.server.url}/v1/latest?${new URLSearchParams({ installationId: INSTALLATION_ID })}`;
  const series = await checkAnswer(ctx, url, token);
  const meters = ctx.fleet.meters.length + 1; // and PROBE_DEVICE
  ctx.log(
    `latest: GET /v1/latest for ${meters} meters (${series} series), ${s.rounds} × ${s.durationS} s, ${s.connections} connections`,
  );
  const headers = { authorization: `Bearer ${token}` };
  await autocannon({ url, connections: s.connections, duration: 1, headers }); // warm-up: JIT, caches
  const p50: number[] = [];
  const p99: number[] = [];
  const rps: number[] = [];
  for (let round = 0; round < s.rounds; round++) {
    const r = await autocannon({ url, connections: s.connections, duration: s.durationS, headers });
    if (r.errors || r.timeouts || r.non2xx)
      throw new Error(`latest: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx`);
    ctx.log(
      `latest: round ${round + 1}: p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.requests.average} req/s`,
    );
    p50.push(r.latency.p50);
    p99.push(r.latency.p99);
    rps.push(r.requests.average);
  }
  const label = `GET /v1/latest, ${meters.toLocaleString('en-US')} meters`;
  const note = `${series} series per answer (checked against the fleet, ${PROBE_DEVICE} included); ${s.connections} connections, median of ${s.rounds} × ${s.durationS} s; ${median(rps)} req/s`;
  return [
    { id: 'latest.installation.p50', metric: `${label}: p50`, value: median(p50), unit: 'ms', note },
    {
      id: 'latest.installation.p99',
      metric: `${label}: p99`,
      value: median(p99),
      unit: 'ms',
      targets: [{ on: 'value', op: '<=', limit: P99_TARGET_MS, unit: 'ms' }],
    },
  ];
}
