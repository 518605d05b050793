// Sustained ingest throughput: readings/s through POST /v1/ingest/measurements into a real Kafka.
// Starts the standalone ingestor (apps/ingestor/src/main.ts) as a child process on its own topic
// prefix, drives it with autocannon (same machine), then checks the broker holds every record the
// ingestor acknowledged, and deletes the bench topics.
//   node bench/ingest-http.ts [--duration 20] [--connections 16] [--readings 1000] [--devices 10]
//   MEDIDO_KAFKA_BROKERS (default 127.0.0.1:19092)
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { autocannon } from './harness/autocannon.ts';
import { startIngestor } from './harness/ingestor-process.ts';
import { freePort } from './harness/ports.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '16' },
    readings: { type: 'string', default: '1000' },
    devices: { type: 'string', default: '10' },
  },
});
const duration = Number(values.duration);
const perRequest = Number(values.readings);
const devices = Number(values.devices);
const brokers = (process.env.MEDIDO_KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const prefix = `bench_${randomBytes(4).toString('hex')}_`;
const token = randomBytes(32).toString('base64url');

const port = await freePort();
const kafka = new Kafka({ brokers, logLevel: logLevel.NOTHING });
const admin = kafka.admin();
let ingestor: ChildProcess | undefined;
try {
  const started = await startIngestor({
    port,
    brokers,
    topicPrefix: prefix,
    token,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  ingestor = started.child;
  const { url } = started;
  const start = Date.parse('2026-01-01T00:00:00Z');
  const body = JSON.stringify({
    readings: Array.from({ length: perRequest }, (_, i) => ({
      deviceId: `bench-${i % devices}`,
      variable: 'active_energy_import',
      ts: new Date(start + Math.floor(i / devices) * 900_000).toISOString(),
      value: 1000 + i / 10,
      quality: 'measured',
    })),
  });
  const options = {
    url: `${url}/v1/ingest/measurements`,
    method: 'POST',
    body,
    connections: Number(values.connections),
    duration,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  };
  await autocannon({ ...options, duration: 3 }); // warm-up: JIT, producer connection, topic metadata
  await admin.connect();
  const stored = async () =>
    (await admin.fetchTopicOffsets(`${prefix}medido.measurements.v1`)).reduce((sum, p) => sum + Number(p.high), 0);
  const before = await stored();
  const result = await autocannon(options);
  const records = (await stored()) - before;
  const eventsPerRequest = devices * Math.ceil(perRequest / devices / 2000);
  console.log(
    JSON.stringify(
      {
        command: `node bench/ingest-http.ts --duration ${duration} --connections ${values.connections} --readings ${perRequest} --devices ${devices}`,
        bodyBytes: Buffer.byteLength(body),
        requests: result['2xx'],
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        requestsPerSecond: Math.round(result['2xx'] / result.duration),
        readingsPerSecond: Math.round((result['2xx'] * perRequest) / result.duration),
        latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
        kafkaRecordsStored: records,
        kafkaRecordsExpected: result['2xx'] * eventsPerRequest,
      },
      null,
      2,
    ),
  );
  if (result.non2xx > 0 || result.errors > 0 || records < result['2xx'] * eventsPerRequest) process.exitCode = 1;
} finally {
  ingestor?.kill('SIGTERM');
  await admin.connect().catch(() => undefined);
  const topics = (await admin.listTopics().catch(() => [] as string[])).filter((t) => t.startsWith(prefix));
  if (topics.length) await admin.deleteTopics({ topics }).catch(() => undefined);
  await admin.disconnect();
}
