// Projection throughput and end-to-end freshness on this machine, with real Kafka, chDB and FerretDB.
//   node bench/projection.ts [--readings 1000000] [--devices 100] [--per-event 2000] [--rate 20000] [--duration 30]
//   MEDIDO_KAFKA_BROKERS (default 127.0.0.1:19092), MEDIDO_MONGO_URL (default mongodb://127.0.0.1:27027)
// 1. throughput: `--readings` readings are published to Kafka first, then a fresh projector (in this
//    process, chDB in a temporary directory) consumes them; readings/s until its lag is 0, beside the
//    engine's own bulk insert of the same rows (one INSERT) as the baseline of the same run;
// 2. freshness: the standalone ingestor (a child process) takes `--rate` readings/s over HTTP for
//    `--duration` s; for each request, the time from its 202 to all of its readings answered by query().
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { TOPICS } from '@medido/contracts';
import { createClickHouseClient, type MeasurementsStore } from '@medido/measurements';
import { openProjectionStack } from '@medido/projection/testing/projection-stack';
import { ENERGY, ingestBody, measurementsRecords, registerReadings } from '@medido/projection/testing/readings.fixture';
import { startIngestor } from './harness/ingestor-process.ts';
import { percentile, timed } from './projection-stats.ts';
import { eventually } from '@medido/platform/testing/eventually';

const { values } = parseArgs({
  options: {
    readings: { type: 'string', default: '1000000' },
    devices: { type: 'string', default: '100' },
    'per-event': { type: 'string', default: '2000' },
    rate: { type: 'string', default: '20000' },
    duration: { type: 'string', default: '30' },
  },
});
const N = Number(values.readings);
/** How often the freshness probe asks query() again: its resolution, and a bounded load on the engine. */
const POLL_MS = 25;
const DEVICES = Array.from({ length: Number(values.devices) }, (_, i) => `bench-${i}`);
const brokers = (process.env.MEDIDO_KAFKA_BROKERS || '127.0.0.1:19092').split(',');
const mongoUrl = process.env.MEDIDO_MONGO_URL || 'mongodb://127.0.0.1:27027';
const dir = mkdtempSync(join(tmpdir(), 'medido-bench-projection-'));
const clickhouse = createClickHouseClient({ chdbPath: join(dir, 'chdb') });
const stack = await openProjectionStack({
  brokers,
  mongoUrl,
  clickhouse,
  name: 'bench_projection',
  retryBackoff: { initialMs: 250, maxMs: 5_000 },
});
const log = (message: string) => console.error(`[bench] ${message}`);
const results: Record<string, unknown> = {
  command: `node bench/projection.ts --readings ${N} --devices ${DEVICES.length} --per-event ${values['per-event']} --rate ${values.rate} --duration ${values.duration}`,
};

try {
  // 1. Throughput: publish everything, then let a fresh projector drain it.
  const readings = registerReadings(DEVICES, 0, Math.ceil(N / DEVICES.length)).slice(0, N);
  const records = measurementsRecords(readings, Number(values['per-event']));
  const published = await timed(async () => {
    for (let i = 0; i < records.length; i += 50) await stack.bus.publish(TOPICS.measurements, records.slice(i, i + 50));
  });
  log(`published ${N} readings in ${records.length} records in ${published.ms} ms`);

  const spent = { insertMs: 0, writes: 0 };
  const store = stack.measurements;
  const measurements: MeasurementsStore = {
    ...store,
    async insert(rows, token) {
      const t = Date.now();
      await store.insert(rows, token);
      spent.insertMs += Date.now() - t;
      spent.writes++;
    },
  };
  const projected = await timed(async () => {
    const projector = await stack.startProjector({ measurements });
    await eventually(async () => (await stack.lag()) === 0, 'the projector to drain the topic', 3_600_000, 100);
    await projector.stop();
  });
  const [row] = await (
    await clickhouse.query({
      query: `SELECT toUInt64(count()) AS n FROM ${stack.clickhouseDatabase}.readings FINAL`,
      format: 'JSONEachRow',
    })
  ).json<{ n: number }>();
  if (row?.n !== N) throw new Error(`stored ${row?.n} readings, expected ${N}`);

  const baseline = await timed(async () => {
    await clickhouse.command({
      query: 'CREATE TABLE IF NOT EXISTS default.bench_bulk AS ' + `${stack.clickhouseDatabase}.readings`,
    });
    const body = readings
      .map(
        (r) =>
          `${r.deviceId}\t${r.variable}\t${new Date(r.ts).toISOString()}\t${r.value}\tmeasured\t${new Date().toISOString()}`,
      )
      .join('\n');
    const result = await clickhouse.exec({
      query: 'INSERT INTO default.bench_bulk FORMAT TabSeparated',
      values: Readable.from([body]),
    });
    for await (const _ of result.stream) {
      /* drained: the insert is done */
    }
  });
  results.throughput = {
    readings: N,
    records: records.length,
    publishReadingsPerSecond: Math.round(N / (published.ms / 1000)),
    projectionReadingsPerSecond: Math.round(N / (projected.ms / 1000)),
    projectionMs: projected.ms,
    insertShare: +(spent.insertMs / projected.ms).toFixed(2),
    storeWrites: spent.writes,
    engineBulkInsertReadingsPerSecond: Math.round(N / (baseline.ms / 1000)),
    ratioToEngine: +(baseline.ms / projected.ms).toFixed(3),
  };
  log(`projected at ${JSON.stringify(results.throughput)}`);

  // 2. Freshness at a steady rate, through the ingestor's HTTP endpoint.
  results.freshness = await freshness(store);
} finally {
  await stack.dispose();
  await clickhouse.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(results, null, 2));

async function freshness(store: MeasurementsStore) {
  const rate = Number(values.rate);
  const intervalMs = 50;
  const devices = Array.from({ length: 20 }, (_, i) => `fresh-${i}`);
  const steps = Math.max(1, Math.round((rate * intervalMs) / 1000 / devices.length));
  const token = 'bench-token-0123456789abcdef0123456789abcdef';
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const { child: ingestor, url } = await startIngestor({
    port,
    brokers,
    topicPrefix: stack.prefix,
    token,
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const orphanGuard = () => ingestor.kill('SIGKILL');
  process.once('exit', orphanGuard);
  const projector = await stack.startProjector({ logger: pino({ level: 'silent' }) });
  try {
    const pending: { ackAt: number; lastTs: number }[] = [];
    const latencies: number[] = [];
    let sent = 0;
    let polling = true;
    const giveUpAt = Date.now() + (Number(values.duration) + 120) * 1000;
    const progress = setInterval(
      () =>
        void stack
          .lag()
          .then((lag) => log(`freshness: ${latencies.length} visible, ${pending.length} pending, lag ${lag}`)),
      5_000,
    );
    // A device's readings are projected in order (one partition, batches in offset order), so the
    // newest reading query() shows for a device means all of its earlier ones are visible too: one
    // query per poll settles every pending request whose last reading is at or before, for all devices.
    const series = devices.map((deviceId) => ({
      deviceId,
      variable: ENERGY,
      kind: 'cumulative' as const,
      aggregation: 'last' as const,
    }));
    const poller: Promise<void> = (async () => {
      while ((polling || pending.length > 0) && Date.now() < giveUpAt) {
        if (pending.length > 0) {
          const answer = await store.query({
            series,
            from: pending[0]!.lastTs,
            to: pending.at(-1)!.lastTs + 1,
            frequency: 'raw',
            timezone: 'UTC',
          });
          const visibleUpTo = Math.min(...answer.map((s) => (s.points.at(-1) as { ts: number } | undefined)?.ts ?? -1));
          const now = Date.now();
          while (pending.length > 0 && pending[0]!.lastTs <= visibleUpTo) latencies.push(now - pending.shift()!.ackAt);
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    })();
    poller.catch(() => {
      polling = false;
    });
    const started = Date.now();
    const end = started + Number(values.duration) * 1000;
    for (let k = 0; Date.now() < end && polling; k++) {
      const due = started + k * intervalMs;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      const batch = registerReadings(devices, k * steps, (k + 1) * steps);
      const res = await fetch(`${url}/v1/ingest/measurements`, {
        method: 'POST',
        body: JSON.stringify(ingestBody(batch)),
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      });
      if (res.status !== 202) throw new Error(`ingest answered ${res.status}`);
      pending.push({ ackAt: Date.now(), lastTs: batch.at(-1)!.ts });
      sent += batch.length;
    }
    const achieved = sent / ((Date.now() - started) / 1000);
    polling = false;
    await poller;
    clearInterval(progress);
    if (pending.length > 0) throw new Error(`${pending.length} acknowledged requests never became visible`);
    return {
      targetReadingsPerSecond: rate,
      achievedReadingsPerSecond: Math.round(achieved),
      requests: latencies.length,
      readingsPerRequest: steps * devices.length,
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
      maxMs: Math.max(...latencies),
    };
  } finally {
    await projector.stop();
    ingestor.kill('SIGTERM');
    process.off('exit', orphanGuard);
  }
}
