import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BenchContext } from '../harness/context.ts';
import { catalogEvents, fleetOf, ORGANIZATION_ID, VARIABLE } from '../harness/fleet.ts';
import { HttpClient } from '../harness/http-client.ts';
import type { BenchRow } from '../harness/report.ts';
import { startBenchServer } from '../harness/server.ts';
import { FLEETS, fleetEnd } from '../harness/shapes.ts';
import { percentile, sleep } from '../harness/stats.ts';
import { seedCatalog } from '../harness/catalog-seed.ts';
import { LOAD_STEP_MS, METERS_PER_REQUEST, startSteadyLoad, steadyLoadBodies } from '../harness/steady-load.ts';

const DAY = 86_400_000;
const P99_TARGET_MS = 2_000;
/** The subscribed installation: only the probe meters, so the webhooks are the probes' and nothing else's. */
const HOOK_INSTALLATION = 'inst-hooks';
const PROBE_METERS = 10;
const probeMeter = (p: number) => `hook-${String(p).padStart(2, '0')}`;

const SETTINGS = {
  full: { rate: 20_000, seconds: 60, liveMeters: 2_000, probeEveryMs: 100, waitMs: 60_000, warmUpMs: 5_000 },
  smoke: { rate: 2_000, seconds: 5, liveMeters: 200, probeEveryMs: 250, waitMs: 15_000, warmUpMs: 1_000 },
};

/** A webhook's body: `data` is the change event, whose own `data` names the series and window. */
interface Webhook {
  type: string;
  data: { data?: { deviceId?: string; from?: string; to?: string } };
}

/**
 * Webhooks (issue 16): the time from a reading's 202 to its `measurements.available` webhook arriving at a
 * real receiver on loopback, while a steady open-loop load of 20 000 readings/s flows. Its own embedded
 * default (api, ingestor, projector and the notifier with its webhook worker in one process, on Kafka,
 * FerretDB and chDB), started with MEDIDO_WEBHOOK_ALLOW_LIST=127.0.0.1 so the receiver is admitted. The
 * load's meters are registered (in the bench installation: the notifier derives and appends their changes);
 * the subscription, created through POST /v1/subscriptions, is for another installation holding only the
 * probe meters, so each webhook is one probe's and is matched to its 202 by meter and window
 * (the window [from, to) that holds the probe's instant). Probes of the load's first seconds are a
 * warm-up, shown in the note but not counted (see below).
 */
export async function webhooksSuite(ctx: BenchContext): Promise<BenchRow[]> {
  const s = SETTINGS[ctx.mode];
  /** How long after the load a probe's webhook may still arrive (BENCH_WEBHOOK_WAIT_MS: shorter while debugging). */
  const ARRIVAL_TIMEOUT_MS = Number(process.env.BENCH_WEBHOOK_WAIT_MS ?? s.waitMs);
  /** Per meter, the windows [from, to) of the webhooks received and when each arrived. */
  const arrivals = new Map<string, { from: number; to: number; at: number }[]>();
  let received = 0;
  const arrivalOf = (deviceId: string, ts: number) =>
    arrivals.get(deviceId)?.find((w) => w.from <= ts && ts < w.to)?.at;
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      const hook = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Webhook;
      received += 1;
      const { deviceId, from, to } = hook.data.data ?? {};
      if (hook.type === 'measurements.available' && deviceId && from && to) {
        const windows = arrivals.get(deviceId) ?? [];
        windows.push({ from: Date.parse(from), to: Date.parse(to), at });
        arrivals.set(deviceId, windows);
      }
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  ctx.log('webhooks: starting the embedded default with the notifier, receiver admitted by the allow-list');
  const server = await startBenchServer({
    kafkaBrokers: ctx.kafkaBrokers,
    mongoUrl: ctx.mongoUrl,
    env: { MEDIDO_WEBHOOK_ALLOW_LIST: '127.0.0.1' },
  });
  const http = new HttpClient();
  try {
    const ingest = { authorization: `Bearer ${server.ingestToken}`, 'content-type': 'application/json' };
    const token = await server.accessToken();
    const live = fleetOf(
      {
        ...FLEETS[ctx.mode],
        units: s.liveMeters / METERS_PER_REQUEST,
        metersPerUnit: METERS_PER_REQUEST,
        historyDays: 1,
        recentDays: 0,
      },
      fleetEnd(),
    );
    const probes = Array.from({ length: PROBE_METERS }, (_, p) => ({
      type: 'DeviceRegistered',
      data: {
        deviceId: probeMeter(p),
        installationId: HOOK_INSTALLATION,
        variables: [{ name: VARIABLE, unit: 'kWh', kind: 'cumulative' }],
      },
    }));
    await seedCatalog(
      http,
      server.url,
      server.ingestToken,
      token,
      [
        ...catalogEvents(live),
        {
          type: 'InstallationRegistered',
          data: {
            installationId: HOOK_INSTALLATION,
            organizationId: ORGANIZATION_ID,
            name: 'Webhook probes',
            timezone: 'UTC',
          },
        },
        ...probes,
      ],
      probeMeter(PROBE_METERS - 1),
    );

    // The consumer server.accessToken() speaks for (the deliverer checks at every round that it exists). On the
    // consumers topic, keyed by consumer like the subscription command after it: projected before it.
    const consumer = await http.send(
      'POST',
      `${server.url}/v1/admin/consumers`,
      { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
      JSON.stringify({ consumerId: 'bench', name: 'Bench', email: 'bench@example.com', subject: 'bench', grants: [] }),
    );
    if (consumer.status !== 202)
      throw new Error(`POST /v1/admin/consumers answered ${consumer.status}: ${consumer.body.slice(0, 300)}`);
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await http.send(
      'POST',
      `${server.url}/v1/subscriptions`,
      auth,
      JSON.stringify({ installationId: HOOK_INSTALLATION, webhookUrl, types: ['measurements.available'] }),
    );
    if (created.status !== 202)
      throw new Error(`POST /v1/subscriptions answered ${created.status}: ${created.body.slice(0, 300)}`);
    const { subscriptionId } = JSON.parse(created.body) as { subscriptionId: string };
    for (const deadline = performance.now() + 60_000; ; await sleep(100)) {
      if (
        (
          await http.send('GET', `${server.url}/v1/subscriptions/${subscriptionId}`, {
            authorization: auth.authorization,
          })
        ).status === 200
      )
        break;
      if (performance.now() > deadline) throw new Error(`subscription ${subscriptionId} not projected within 60 s`);
    }

    // The load: the registered meters, 15-minute spacing from two years back (as the freshness row's).
    const liveStart = live.end - 730 * DAY;
    const bodyOf = steadyLoadBodies((m) => live.meters[m]!, s.liveMeters, liveStart);

    ctx.log(`webhooks: ${s.rate} readings/s for ${s.seconds} s, a probe reading every ${s.probeEveryMs} ms`);
    const loadStartedAt = performance.now();
    const load = startSteadyLoad(http, server, s, bodyOf);

    // Probes: one reading each, meters in turn, times rising per meter; keyed as the webhook's window starts.
    const acked: { deviceId: string; ts: number; at: number }[] = [];
    const sent: Promise<void>[] = [];
    for (let k = 0; performance.now() + s.probeEveryMs < load.endAt && !load.failure(); k++) {
      const deviceId = probeMeter(k % PROBE_METERS);
      const ts = liveStart + k * LOAD_STEP_MS;
      const body = JSON.stringify({
        readings: [{ deviceId, variable: VARIABLE, ts: new Date(ts).toISOString(), value: k }],
      });
      sent.push(
        http
          .send('POST', `${server.url}/v1/ingest/measurements`, ingest, body)
          .then((answer) => {
            if (answer.status !== 202) throw new Error(`probe ingest answered ${answer.status}: ${answer.body}`);
            acked.push({ deviceId, ts, at: performance.now() });
          })
          .catch(load.fail),
      );
      await sleep(s.probeEveryMs);
    }
    const [{ acknowledged, seconds: loadSeconds }] = await Promise.all([load.done, ...sent]);
    const failure = load.failure();
    if (failure) throw failure;
    const atLoadEnd = await notifierFigures(http, server.url, server.adminToken);
    for (const deadline = performance.now() + ARRIVAL_TIMEOUT_MS; performance.now() < deadline; await sleep(100)) {
      if (acked.every((p) => arrivalOf(p.deviceId, p.ts) !== undefined)) break;
    }

    if (acked.some((p) => arrivalOf(p.deviceId, p.ts) === undefined)) {
      const state = await http.send('GET', `${server.url}/v1/subscriptions/${subscriptionId}`, {
        authorization: auth.authorization,
      });
      const changes = await http.send('GET', `${server.url}/v1/changes?installationId=${HOOK_INSTALLATION}`, {
        authorization: auth.authorization,
      });
      ctx.log(
        `webhooks: missing arrivals; subscription ${state.body.slice(0, 400)}; changes ${changes.status} ${changes.body.slice(0, 300)}`,
      );
    }
    // The rows are the steady state: probes from `warmUpMs` into the load. Before it, the notifier meets
    // the load's meters, registered just before, for the first time and reads their placements from the
    // catalog (FerretDB scans, ~2 s for 2 000 meters); those probes are reported in the note, not counted.
    const samples: number[] = [];
    const warmUp: number[] = [];
    let missing = 0;
    for (const { deviceId, ts, at } of acked) {
      const arrived = arrivalOf(deviceId, ts);
      const counted = at >= loadStartedAt + s.warmUpMs;
      if (arrived === undefined && counted) missing += 1;
      // A webhook can beat its own 202 (the answer is still on its way): that is a latency of 0.
      (counted ? samples : warmUp).push(arrived === undefined ? ARRIVAL_TIMEOUT_MS : Math.max(0, arrived - at));
    }
    const achieved = acknowledged / loadSeconds;
    const label = `at ${Math.round(achieved).toLocaleString('en-US')} readings/s, from ${s.warmUpMs / 1000} s in`;
    const warmUpNote = `${warmUp.length} probes of the load's first ${s.warmUpMs / 1000} s not counted (new meters' placements read; max ${Math.round(Math.max(0, ...warmUp))} ms)`;
    const note = `${samples.length} probe readings after the warm-up (${warmUpNote}), ${received} webhooks received${missing ? `, ${missing} not received within ${ARRIVAL_TIMEOUT_MS / 1000} s after the load (counted as ${ARRIVAL_TIMEOUT_MS / 1000} s)` : ''}; at the load's end ${atLoadEnd}; embedded default incl. notifier + webhook worker, loopback receiver via MEDIDO_WEBHOOK_ALLOW_LIST`;
    return [
      {
        id: 'webhooks.rate',
        metric: 'webhooks: steady load acknowledged',
        value: achieved,
        unit: 'readings/s',
        targets: [{ on: 'value', op: '>=', limit: s.rate * 0.95, unit: '/s' }],
        note: `open loop, scheduled at ${s.rate} readings/s over ${s.liveMeters} registered meters`,
      },
      { id: 'webhooks.p50', metric: `202 → webhook p50 ${label}`, value: percentile(samples, 50), unit: 'ms', note },
      {
        id: 'webhooks.p99',
        metric: `202 → webhook p99 ${label}`,
        value: percentile(samples, 99),
        unit: 'ms',
        targets: [{ on: 'value', op: '<=', limit: P99_TARGET_MS, unit: 'ms' }],
      },
    ];
  } finally {
    http.close();
    await server.close();
    await new Promise<void>((resolve) => {
      receiver.closeAllConnections();
      receiver.close(() => resolve());
    });
  }
}

/** Where the notifier stood (its /metrics): records not derived yet and the mean append latency so far. */
async function notifierFigures(http: HttpClient, url: string, adminToken: string): Promise<string> {
  // The embedded default serves /metrics to the admin credential.
  const answer = await http.send('GET', `${url}/metrics`, { authorization: `Bearer ${adminToken}` });
  if (answer.status !== 200) return `(no /metrics: ${answer.status})`;
  const value = (name: string) => {
    const line = answer.body.split('\n').find((l) => l.startsWith(name));
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : Number.NaN;
  };
  const lag = answer.body
    .split('\n')
    .filter((l) => l.startsWith('medido_notifier_lag_records'))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
  const mean = value('medido_notifier_latency_seconds_sum') / value('medido_notifier_latency_seconds_count');
  return `the notifier was ${lag} records behind, its record → change appended latency ${(mean * 1000).toFixed(0)} ms on average`;
}
