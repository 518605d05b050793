import { INSTALLATION_ID, VARIABLE } from '../harness/fleet.ts';
import { startSteadyLoad, steadyLoadBodies } from '../harness/steady-load.ts';
import type { ServerContext } from '../harness/context.ts';
import type { BenchRow } from '../harness/report.ts';
import { percentile, sleep } from '../harness/stats.ts';
import { VisibilityWatcher, type AnsweredPoint } from '../harness/visibility-watcher.ts';

/** The registered meter whose readings are timed from acknowledgement to visibility. */
export const PROBE_DEVICE = 'm-probe';

const DAY = 86_400_000;

/**
 * The loads of issue 13's targets: p99 ≤ 1 000 ms at 20 000 readings/s and ≤ 2 000 ms at 50 000 (a tenth
 * of each in smoke mode). Each load has its own live meters (their times rise within a load) and rows of
 * its own (`id`).
 */
const LOADS = [
  { id: 'freshness', rate: 20_000, p99TargetMs: 1_000 },
  { id: 'freshness.high', rate: 50_000, p99TargetMs: 2_000 },
];
const SETTINGS = {
  full: { rateScale: 1, seconds: 60, liveMeters: 2_000, probeEveryMs: 500, pollEveryMs: 50 },
  smoke: { rateScale: 0.1, seconds: 5, liveMeters: 200, probeEveryMs: 250, pollEveryMs: 25 },
};
type Settings = (typeof SETTINGS)['full'];
type Load = (typeof LOADS)[number];

/**
 * Every frequency the API serves for the probe: a reading is visible once ALL of them count it (raw
 * shows it, and the 15 m, 1 h and 1 d buckets holding it have it in their count) — whether an answer
 * comes from rollup rows or from raw readings not yet folded in is the store's business, not the reader's.
 */
const FREQUENCIES = ['raw', '15m', '1h', '1d'] as const;

/**
 * Freshness: while a steady background load of readings flows (open loop: requests start on schedule,
 * whatever the answers' latency), a probe reading is posted every `probeEveryMs` and `/v1/measurements`
 * is polled at every frequency until each shows it; the sample is the time from the 202 to the first
 * moment every frequency has it (the raw one alone is in the note).
 * The load replays a fleet of unregistered meters at 15-minute spacing two years back, so it touches
 * neither the fleet's query windows nor, unrealistically, thousands of readings per meter and day.
 * Probes are one a day (at noon UTC), so each is alone in its bucket at every frequency, in any zone.
 */
export async function freshnessSuite(ctx: ServerContext): Promise<BenchRow[]> {
  const s = SETTINGS[ctx.mode];
  const rows: BenchRow[] = [];
  const liveStart = ctx.fleet.end - 730 * DAY;
  let nextProbeTs = Math.floor(liveStart / DAY) * DAY + DAY / 2;
  // A meter's first reading has no increase before it, so its buckets show no delta: a reading the day
  // before the first probe gives every probe its predecessor.
  await postProbeReading(ctx, nextProbeTs - DAY);
  for (const load of LOADS.map((l) => ({ ...l, rate: l.rate * s.rateScale }))) {
    const { rows: loadRows, probes } = await freshnessUnder(ctx, s, load, liveStart, nextProbeTs);
    rows.push(...loadRows);
    nextProbeTs += probes * DAY;
  }
  return rows;
}

async function freshnessUnder(
  ctx: ServerContext,
  s: Settings,
  l: Load,
  liveStart: number,
  firstProbeTs: number,
): Promise<{ rows: BenchRow[]; probes: number }> {
  const { server, http } = ctx;
  const meterPrefix = `live-${l.id.replace(/\W/g, '-')}-`;
  const bodyOf = steadyLoadBodies((m) => `${meterPrefix}${String(m).padStart(4, '0')}`, s.liveMeters, liveStart);

  ctx.log(`freshness: ${l.rate} readings/s for ${s.seconds} s, a probe every ${s.probeEveryMs} ms`);
  const ingestor = { url: server.ingestUrl, ingestToken: server.ingestToken };
  const load = startSteadyLoad(http, ingestor, { rate: l.rate, seconds: s.seconds }, bodyOf);

  const everyFrequency: number[] = [];
  const rawOnly: number[] = [];
  let late = 0;
  const probes: Promise<void>[] = [];
  const watcher = new VisibilityWatcher(answerOf(ctx, await server.accessToken()), FREQUENCIES, {
    pollEveryMs: s.pollEveryMs,
    timeoutMs: PROBE_TIMEOUT_MS,
    onError: load.fail,
  });
  for (let k = 0; performance.now() + s.probeEveryMs < load.endAt && !load.failure(); k++) {
    const ts = firstProbeTs + k * DAY;
    probes.push(
      postProbeReading(ctx, ts)
        .then(() => watcher.watch(ts, performance.now()))
        .then((visible) => {
          everyFrequency.push(visible.all ?? PROBE_TIMEOUT_MS);
          rawOnly.push(visible.raw ?? PROBE_TIMEOUT_MS);
          if (visible.all === null) late += 1;
        }, load.fail),
    );
    await sleep(s.probeEveryMs);
  }
  const [{ acknowledged, seconds: loadSeconds }] = await Promise.all([load.done, ...probes]);
  const failure = load.failure();
  if (failure) throw failure;
  const achieved = acknowledged / loadSeconds;
  const label = `at ${Math.round(achieved).toLocaleString('en-US')} readings/s`;
  const rawNote = `raw alone p50 ${Math.round(percentile(rawOnly, 50))} ms, p99 ${Math.round(percentile(rawOnly, 99))} ms`;
  const answers = [...watcher.answerMs].map(([f, ms]) => `${f} ${Math.round(percentile(ms, 50))}`).join(', ');
  const note = `${everyFrequency.length} probes, visible when ${FREQUENCIES.join(', ')} all count it (${rawNote}; answer p50 ms: ${answers})${late ? `; ${late} still not visible after ${PROBE_TIMEOUT_MS / 1000} s (counted as ${PROBE_TIMEOUT_MS / 1000} s)` : ''}; polled every ${s.pollEveryMs} ms, so samples are late by up to that`;
  const rows: BenchRow[] = [
    {
      id: `${l.id}.rate`,
      metric: `freshness: steady load of ${l.rate.toLocaleString('en-US')}/s acknowledged`,
      value: achieved,
      unit: 'readings/s',
      targets: [{ on: 'value', op: '>=', limit: l.rate * 0.95, unit: '/s' }],
      note: `open loop, scheduled at ${l.rate} readings/s, to the ${server.ingestor} ingestor`,
    },
    {
      id: `${l.id}.p50`,
      metric: `freshness p50 ${label}, every frequency`,
      value: percentile(everyFrequency, 50),
      unit: 'ms',
      note,
    },
    {
      id: `${l.id}.p99`,
      metric: `freshness p99 ${label}, every frequency`,
      value: percentile(everyFrequency, 99),
      unit: 'ms',
      targets: [{ on: 'value', op: '<=', limit: l.p99TargetMs, unit: 'ms' }],
    },
  ];
  return { rows, probes: everyFrequency.length };
}

const PROBE_TIMEOUT_MS = 120_000;

/** The probe meter's answer at `frequency` over [from, to) (the one series of the bench variable). */
function answerOf({ server, http }: ServerContext, token: string) {
  const auth = { authorization: `Bearer ${token}` };
  return async (frequency: string, from: number, to: number): Promise<AnsweredPoint[]> => {
    const query = new URLSearchParams({
      installationId: INSTALLATION_ID,
      deviceIds: PROBE_DEVICE,
      frequency,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
    });
    const read = await http.send('GET', `${server.url}/v1/measurements?${query}`, auth);
    if (read.status !== 200) throw new Error(`measurements answered ${read.status}: ${read.body.slice(0, 300)}`);
    const body = JSON.parse(read.body) as { devices: { variables: { points: AnsweredPoint[] }[] }[] };
    return body.devices[0]?.variables[0]?.points ?? [];
  };
}

/** Posts one reading of the probe meter at `ts` (its value rises with time, as a register's does). */
async function postProbeReading({ server, http }: ServerContext, ts: number): Promise<void> {
  const ingest = { authorization: `Bearer ${server.ingestToken}`, 'content-type': 'application/json' };
  const body = JSON.stringify({
    readings: [{ deviceId: PROBE_DEVICE, variable: VARIABLE, ts: new Date(ts).toISOString(), value: ts / 3_600_000 }],
  });
  const answer = await http.send('POST', `${server.ingestUrl}/v1/ingest/measurements`, ingest, body);
  if (answer.status !== 202) throw new Error(`probe ingest answered ${answer.status}: ${answer.body}`);
}
