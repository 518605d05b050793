import { INSTALLATION_ID, VARIABLE } from '../harness/fleet.ts';
import { LOAD_STEP_MS, startSteadyLoad, steadyLoadBodies } from '../harness/steady-load.ts';
import type { ServerContext } from '../harness/context.ts';
import type { BenchRow } from '../harness/report.ts';
import { percentile, sleep } from '../harness/stats.ts';

/** The registered meter whose readings are timed from acknowledgement to visibility. */
export const PROBE_DEVICE = 'm-probe';

const DAY = 86_400_000;

const SETTINGS = {
  full: { rate: 20_000, seconds: 60, liveMeters: 2_000, probeEveryMs: 500, pollEveryMs: 50 },
  smoke: { rate: 2_000, seconds: 5, liveMeters: 200, probeEveryMs: 250, pollEveryMs: 25 },
};

/**
 * Freshness: while a steady background load of readings flows (open loop: requests start on schedule,
 * whatever the answers' latency), a probe reading is posted every `probeEveryMs` and `/v1/measurements`
 * is polled until it shows it; the sample is the time from the 202 to the first answer that has it.
 * The load replays a fleet of unregistered meters at 15-minute spacing two years back, so it touches
 * neither the fleet's query windows nor, unrealistically, thousands of readings per meter and day.
 */
export async function freshnessSuite(ctx: ServerContext): Promise<BenchRow[]> {
  const s = SETTINGS[ctx.mode];
  const { server, http } = ctx;
  const ingest = { authorization: `Bearer ${server.ingestToken}`, 'content-type': 'application/json' };
  const liveStart = ctx.fleet.end - 730 * DAY;
  const bodyOf = steadyLoadBodies((m) => `live-${String(m).padStart(4, '0')}`, s.liveMeters, liveStart);

  ctx.log(`freshness: ${s.rate} readings/s for ${s.seconds} s, a probe every ${s.probeEveryMs} ms`);
  const load = startSteadyLoad(http, server, s, bodyOf);

  const samples: number[] = [];
  let late = 0;
  const probes: Promise<void>[] = [];
  const token = await server.accessToken();
  for (let k = 0; performance.now() + s.probeEveryMs < load.endAt && !load.failure(); k++) {
    probes.push(
      probe(ctx, ingest, token, liveStart + k * LOAD_STEP_MS, s.pollEveryMs).then((ms) => {
        samples.push(ms ?? PROBE_TIMEOUT_MS);
        if (ms === null) late += 1;
      }, load.fail),
    );
    await sleep(s.probeEveryMs);
  }
  const [{ acknowledged, seconds: loadSeconds }] = await Promise.all([load.done, ...probes]);
  const failure = load.failure();
  if (failure) throw failure;
  const achieved = acknowledged / loadSeconds;
  const label = `at ${Math.round(achieved).toLocaleString('en-US')} readings/s`;
  const note = `${samples.length} probes${late ? `, ${late} still not visible after ${PROBE_TIMEOUT_MS / 1000} s (counted as ${PROBE_TIMEOUT_MS / 1000} s)` : ''}; polled every ${s.pollEveryMs} ms, so samples are late by up to that`;
  return [
    {
      id: 'freshness.rate',
      metric: 'freshness: steady load acknowledged',
      value: achieved,
      unit: 'readings/s',
      targets: [{ on: 'value', op: '>=', limit: s.rate * 0.95, unit: '/s' }],
      note: `open loop, scheduled at ${s.rate} readings/s`,
    },
    { id: 'freshness.p50', metric: `freshness p50 ${label}`, value: percentile(samples, 50), unit: 'ms', note },
    {
      id: 'freshness.p99',
      metric: `freshness p99 ${label}`,
      value: percentile(samples, 99),
      unit: 'ms',
      // Issue 13: p99 ≤ 1 000 ms at 20 000 readings/s (the load this suite schedules in full mode).
      targets: [{ on: 'value', op: '<=', limit: 1_000, unit: 'ms' }],
    },
  ];
}

const PROBE_TIMEOUT_MS = 120_000;

/** Posts one probe reading and returns the ms from its 202 until /v1/measurements shows it (null: not within the timeout). */
async function probe(
  ctx: ServerContext,
  ingest: Record<string, string>,
  token: string,
  ts: number,
  pollEveryMs: number,
): Promise<number | null> {
  const { server, http } = ctx;
  const at = new Date(ts).toISOString();
  const body = JSON.stringify({
    readings: [{ deviceId: PROBE_DEVICE, variable: VARIABLE, ts: at, value: ts / 3_600_000 }],
  });
  const answer = await http.send('POST', `${server.url}/v1/ingest/measurements`, ingest, body);
  if (answer.status !== 202) throw new Error(`probe ingest answered ${answer.status}: ${answer.body}`);
  const acked = performance.now();
  const query = new URLSearchParams({
    installationId: INSTALLATION_ID,
    deviceIds: PROBE_DEVICE,
    frequency: 'raw',
    from: at,
    to: new Date(ts + 1).toISOString(),
  });
  const auth = { authorization: `Bearer ${token}` };
  for (const deadline = acked + PROBE_TIMEOUT_MS; performance.now() < deadline; await sleep(pollEveryMs)) {
    const read = await http.send('GET', `${server.url}/v1/measurements?${query}`, auth);
    if (read.status !== 200) throw new Error(`measurements answered ${read.status}: ${read.body.slice(0, 300)}`);
    const devices = (JSON.parse(read.body) as { devices: { variables: { points: unknown[] }[] }[] }).devices;
    if (devices[0]?.variables[0]?.points.length === 1) return performance.now() - acked;
  }
  return null;
}
