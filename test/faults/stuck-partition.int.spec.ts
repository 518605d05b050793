import { describe, expect, it } from 'vitest';
import { TOPICS } from '@medido/contracts';
import { partitionForKey } from '@medido/event-bus';
import { createClickHouseMeasurementsStore, type MeasurementsStore } from '@medido/measurements';
import { createMetrics } from '@medido/platform';
import { ENERGY } from '@medido/projection/testing/readings.fixture';
import { expectStoredExactlyAccepted } from './harness/accepted-snapshot.ts';
import { faultSpec, testEngine } from './harness/fault-spec.ts';
import { startIngestLoad } from './harness/ingest-load.ts';
import { startProjectorApp, untilEveryDeviceProjected } from './harness/projector-in-process.ts';
import { eventually } from '../support/eventually.ts';

/**
 * A partition that cannot get past a batch, for a reason the projector does not recognise as bad data
 * (here the engine's memory limit, hit only by one meter's writes): it retries, as it must, and after
 * MEDIDO_PROJECTOR_STUCK_AFTER_ATTEMPTS attempts says so — /health/ready 503 naming topic, partition,
 * offset and attempts, a metric series with the same labels, an error log line — while the other
 * partitions keep flowing. Once the writes succeed the signal clears and nothing is lost.
 */
const DEVICES = Array.from({ length: 6 }, (_, i) => `st-${i}`);
const STUCK = DEVICES[0]!;
const SERIES = DEVICES.map((deviceId) => ({ deviceId, variable: ENERGY }));
const THRESHOLD = 3;

const fault = faultSpec({ name: 'fault_stuck', retryBackoff: { initialMs: 100, maxMs: 500 } });

/** The real store, whose writes holding STUCK's readings fail as ClickHouse fails over its memory limit, while `failing`. */
function memoryStarvedFor(store: MeasurementsStore): MeasurementsStore & { failing: boolean } {
  const wrapped = {
    ...store,
    failing: false,
    async insert(rows: Parameters<MeasurementsStore['insert']>[0], token: string) {
      if (wrapped.failing && rows.some((r) => r.deviceId === STUCK)) {
        throw Object.assign(
          new Error(
            'Code: 241. DB::Exception: Memory limit (total) exceeded: would use 3.50 GiB. (MEMORY_LIMIT_EXCEEDED)',
          ),
          { code: '241', type: 'MEMORY_LIMIT_EXCEEDED' },
        );
      }
      return store.insert(rows, token);
    },
  };
  return wrapped;
}

const metrics = createMetrics('projector');
/** Read from the registry /metrics serves (how /metrics is exposed is configuration: MEDIDO_METRICS_*). */
const stuckSeries = async () =>
  (await metrics.registry.metrics())
    .split('\n')
    .filter((l) => l.startsWith('medido_projector_stuck_partition_attempts{'));

describe('a partition stuck on one batch', () => {
  it('is named by readiness, a metric and a log line after N attempts, other partitions flow, and it clears once written', async () => {
    const { stack, database } = fault;
    const real = createClickHouseMeasurementsStore({ client: testEngine(), database });
    const measurements = memoryStarvedFor(real);
    const { app, logs } = await startProjectorApp({
      bus: stack.bus,
      measurements,
      catalog: stack.catalog,
      stuckAfterAttempts: THRESHOLD,
      metrics,
    });
    const partition = partitionForKey(STUCK, 8);
    const others = DEVICES.filter((d) => partitionForKey(d, 8) !== partition);
    expect(others.length).toBeGreaterThan(0);
    const load = startIngestLoad(stack.ingestor, stack.token, { devices: DEVICES, stepsPerRequest: 20, pauseMs: 50 });
    let stuckReady;
    let stuckMetrics: string[] = [];
    try {
      await untilEveryDeviceProjected(real, DEVICES);
      measurements.failing = true;
      await eventually(
        async () => (await app.http.inject({ method: 'GET', url: '/health/ready' })).statusCode === 503,
        'readiness to report the stuck partition',
        60_000,
        100,
      );
      stuckReady = (await app.http.inject({ method: 'GET', url: '/health/ready' })).json();
      stuckMetrics = await stuckSeries();
      // The other partitions keep moving while this one waits.
      const before = await real.lastSeen(others);
      await eventually(
        async () => {
          const now = await real.lastSeen(others);
          return others.every((d) => now.get(d)! > before.get(d)!);
        },
        'the other partitions to keep projecting',
        30_000,
        100,
      );
    } finally {
      await load.stop();
    }
    measurements.failing = false;
    await eventually(async () => (await stack.lag()) === 0, 'the projector to catch up', 90_000, 250);
    const ready = await app.http.inject({ method: 'GET', url: '/health/ready' });
    const metricsAfter = await stuckSeries();
    await app.close();

    const check = (stuckReady as { checks: { name: string; status: string; error?: string }[] }).checks.find(
      (c) => c.name === 'projector',
    )!;
    expect(check.status).toBe('down');
    expect(check.error).toMatch(
      new RegExp(
        `^stuck: ${TOPICS.measurements.replaceAll('.', '\\.')} partition ${partition} at offset \\d+ after \\d+ attempts \\(Code: 241\\. .*MEMORY_LIMIT_EXCEEDED\\)\\)$`,
      ),
    );
    const offset = /at offset (\d+)/.exec(check.error!)![1]!;
    expect(stuckMetrics).toHaveLength(1);
    expect(stuckMetrics[0]).toMatch(
      new RegExp(
        `^medido_projector_stuck_partition_attempts\\{topic="${TOPICS.measurements}",partition="${partition}",offset="${offset}",role="projector"\\} (\\d+)$`,
      ),
    );
    expect(Number(stuckMetrics[0]!.split(' ').at(-1))).toBeGreaterThanOrEqual(THRESHOLD);
    const lines = logs.filter(
      (l) => l.msg === 'partition stuck: the same batch keeps failing; later records of this partition wait',
    );
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toMatchObject({ level: 50, topic: TOPICS.measurements, partition, offset, attempts: THRESHOLD });
    expect(logs.some((l) => l.msg === 'stuck partition moves again' && l.partition === partition)).toBe(true);

    // Transient, so nothing was dead-lettered or lost; the signal is gone.
    expect(ready.statusCode).toBe(200);
    expect(metricsAfter).toEqual([]);
    const [deadLetters] = await stack.admin.fetchTopicOffsets(stack.prefix + TOPICS.deadLetter);
    expect(Number(deadLetters!.high)).toBe(0);
    expect(load.stats.other).toEqual([]);
    await expectStoredExactlyAccepted(real, load, SERIES, 20 * DEVICES.length);
  });
});
