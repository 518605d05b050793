import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { TOPICS, type RecordedReading } from '@medido/contracts';
import { EmbeddedEventBus, medidoTopics } from '@medido/event-bus';
import { measurementRecords } from '@medido/ingest';
import { sleep } from '../../bench/harness/stats.ts';
import { MiB, peakOf, startEmbedded, type EmbeddedProcess } from './embedded-process.ts';

const DEVICES = 100;
/** MeasurementsRecorded records of 2 000 readings each (~160 kB: the ingestor's largest), in all ~620 MB. */
const RECORDS = 4_000;
const PER_RECORD = 2_000;
const STEP = 15 * 60_000;
const START = Date.UTC(2020, 0, 1);
const WATCH_MS = 30_000;

const METRICS_TOKEN = 'bounds-metrics-credential';
let medido: EmbeddedProcess | undefined;
afterAll(async () => {
  await medido?.stop();
});

/** The backlog, written into the embedded bus's log before the process starts, as the ingestor writes it. */
async function writeBacklog(dataDir: string): Promise<number> {
  const bus = new EmbeddedEventBus({ path: join(dataDir, 'bus.sqlite') });
  await bus.ensureTopics(medidoTopics());
  let bytes = 0;
  for (let r = 0; r < RECORDS; r += 50) {
    const byDevice = new Map<string, RecordedReading[]>();
    for (let k = r; k < r + 50; k++) {
      const deviceId = `backlog-${k % DEVICES}`;
      const first = START + Math.floor(k / DEVICES) * PER_RECORD * STEP;
      byDevice.set(
        deviceId,
        Array.from({ length: PER_RECORD }, (_, i) => ({
          variable: 'active_energy_import',
          ts: new Date(first + i * STEP).toISOString(),
          value: i,
        })),
      );
    }
    const records = measurementRecords(byDevice, { perEvent: PER_RECORD, now: Date.now(), requestId: 'backlog' });
    bytes += records.reduce((n, rec) => n + Buffer.byteLength(rec.value), 0);
    await bus.publish(TOPICS.measurements, records);
  }
  await bus.close();
  return bytes;
}

/** A sample of the process's Prometheus metrics for the measurements topic (0 when absent). */
async function metric(text: string, name: string, label = ''): Promise<number> {
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && l.includes(`topic="${TOPICS.measurements}"`) && l.includes(label));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/**
 * Ceiling of the process's RSS while it projects the backlog. Measured 1.3–1.5 GiB with 4 MiB batches
 * (~0.75 GiB with today's 1 MiB, at the same records projected per second): ~0.9 GiB once
 * projection is under way (chDB's engine and caches, V8) plus V8's sawtooth between collections (its
 * heap swings 0.2–0.7 GiB: every batch parses thousands of readings into objects that die young).
 * Reading the backlog at once would take its ~620 MB of record bytes plus the parsed readings (8 M of
 * them, several GB). Before the embedded bus cut batches by bytes, 8 partitions × 500 such records were
 * read at once and this process peaked at 5.2 GiB on a 1.2 GB backlog.
 */
const CEILING = 2 * 1024 * MiB;
/** Records per batch that fit the embedded bus's 1 MiB budget (~6 of these); its histogram bucket `le="10"` holds them. */
const BATCH_BUCKET = '10';

// The projector reads the log in bounded batches (records and bytes) and commits each before reading
// on, so a backlog costs the process a few batches in flight, not the backlog.
it('keeps the embedded process bounded while its projector works through a large backlog', async () => {
  let backlogBytes = 0;
  medido = await startEmbedded({ MEDIDO_METRICS_TOKEN: METRICS_TOKEN }, async (dataDir) => {
    backlogBytes = await writeBacklog(dataDir);
  });
  const sampler = peakOf(() => medido!.rss(), 100);
  await sleep(WATCH_MS);
  const peak = sampler.stop();
  const metrics = await (
    await fetch(`${medido.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
  ).text();
  const projected = await metric(metrics, 'medido_projector_records_total');
  const batches = await metric(metrics, 'medido_projector_batch_records_count');
  const smallBatches = await metric(metrics, 'medido_projector_batch_records_bucket', `le="${BATCH_BUCKET}"`);
  console.log(
    `backlog: ${(backlogBytes / MiB).toFixed(0)} MiB in ${RECORDS} records; peak RSS ${(peak / MiB).toFixed(0)} MiB; ` +
      `${projected} records projected in ${WATCH_MS / 1000} s, ${batches} batches`,
  );
  expect(projected).toBeGreaterThan(100); // it was working through the backlog all along
  expect(projected).toBeLessThan(RECORDS); // and the backlog outlasted the watch
  expect(smallBatches).toBe(batches); // every batch within the byte budget
  expect(peak).toBeLessThan(CEILING);
  expect(backlogBytes).toBeGreaterThan(CEILING / 4); // large enough that holding it would show
}, 300_000);
