import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { TOPICS, type RecordedReading } from '@medido/contracts';
import { EmbeddedEventBus, medidoTopics } from '@medido/event-bus';
import { measurementRecords } from '@medido/ingest/measurements/measurement-events';
import { sleep } from '../../bench/harness/stats.ts';
import { MiB, peakOf, startEmbedded, type EmbeddedProcess } from './embedded-process.ts';

const DEVICES = 100;
/** MeasurementsRecorded records of 2 000 readings each (~170 kB: the ingestor's largest), in all ~500 MB. */
const RECORDS = 3_000;
const PER_RECORD = 2_000;
const STEP = 15 * 60_000;
const START = Date.UTC(2020, 0, 1);
const WATCH_MS = 30_000;

let medido: EmbeddedProcess | undefined;
afterAll(async () => { await medido?.stop(); });

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
      byDevice.set(deviceId, Array.from({ length: PER_RECORD }, (_, i) => ({ variable: 'active_energy_import', ts: new Date(first + i * STEP).toISOString(), value: i })));
    }
    const records = measurementRecords(byDevice, { perEvent: PER_RECORD, now: Date.now(), requestId: 'backlog' });
    bytes += records.reduce((n, rec) => n + Buffer.byteLength(rec.value), 0);
    await bus.publish(TOPICS.measurements, records);
  }
  await bus.close();
  return bytes;
}

async function projectedRecords(): Promise<number> {
  const text = await (await fetch(`${medido!.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('medido_projector_records_total{') && l.includes(`topic="${TOPICS.measurements}"`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

// The projector reads the log in bounded batches and commits each before reading on, so a backlog
// costs the process one batch of records at a time, not the backlog.
it('keeps the embedded process bounded while its projector works through a large backlog', async () => {
  let backlogBytes = 0;
  medido = await startEmbedded({}, async (dataDir) => { backlogBytes = await writeBacklog(dataDir); });
  const started = medido.rss();
  const sampler = peakOf(() => medido!.rss(), 100);
  for (let i = 0; i < 10; i++) {
    await sleep(WATCH_MS / 10);
    const m = await (await fetch(`${medido!.url}/metrics`)).text();
    const pick = (name: string) => Number(m.split('\n').find((l) => l.startsWith(name))?.split(' ').at(-1)) / MiB;
    console.log(`rss ${(medido.rss() / MiB).toFixed(0)} heapUsed ${pick('nodejs_heap_size_used_bytes').toFixed(0)} heapTotal ${pick('nodejs_heap_size_total_bytes').toFixed(0)} external ${pick('nodejs_external_memory_bytes').toFixed(0)}`);
  }
  const peak = sampler.stop();
  const projected = await projectedRecords();
  console.log(`backlog: ${(backlogBytes / MiB).toFixed(0)} MiB in ${RECORDS} records; RSS at start ${(started / MiB).toFixed(0)} MiB, `
    + `peak ${(peak / MiB).toFixed(0)} MiB; ${projected} records projected in ${WATCH_MS / 1000} s`);
  expect(projected).toBeGreaterThan(0);
  expect(projected).toBeLessThan(RECORDS);
  expect(peak).toBeLessThan(started + BOUND);
}, 300_000);

const BOUND = 4096 * MiB;
