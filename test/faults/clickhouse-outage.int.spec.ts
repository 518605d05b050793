import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createClickHouseMeasurementsStore, type ClickHouseMeasurementsStore } from '@medido/measurements';
import { ENERGY } from '@medido/projection/testing/readings.fixture';
import { testClickHouse, uniqueName } from '../fixtures.ts';
import { openFaultStack, type FaultStack } from './harness/fault-stack.ts';
import { expectStoredExactlyAccepted } from './harness/accepted-snapshot.ts';
import { startIngestLoad } from './harness/ingest-load.ts';
import { retrySummary, startProjectorApp } from './harness/projector-in-process.ts';
import { switchableClickHouse } from './harness/switchable-clickhouse.ts';
import { eventually } from '../support/eventually.ts';

/**
 * ClickHouse unreachable for a while under a sustained ingest: the projector keeps its offsets,
 * retries the same batches with a capped backoff (no crash loop), reports not-ready, and once the
 * server answers again the read models hold exactly what the ingestor acknowledged.
 */
const DEVICES = Array.from({ length: 6 }, (_, i) => `ch-${i}`);
const SERIES = DEVICES.map((deviceId) => ({ deviceId, variable: ENERGY }));
const OUTAGE_MS = 5_000;

let stack: FaultStack;
let measurements: ClickHouseMeasurementsStore;
const engine = () => testClickHouse(inject('clickhouseUrl'));
const database = uniqueName('fault_ch');
beforeAll(async () => {
  stack = await openFaultStack({
    brokers: inject('kafkaBrokers'),
    mongoUrl: inject('mongoUrl'),
    name: 'fault_ch',
    retryBackoff: { initialMs: 200, maxMs: 2_000 },
  });
});
afterAll(async () => {
  await stack?.dispose();
  await engine().command({ query: `DROP DATABASE IF EXISTS ${database}` });
});

describe('ClickHouse unavailable during a sustained ingest', () => {
  it('pauses, lets the lag grow, then projects everything exactly once', async () => {
    const clickhouse = switchableClickHouse(engine());
    measurements = createClickHouseMeasurementsStore({ client: clickhouse.client, database });
    const { app, logs } = await startProjectorApp({ bus: stack.bus, measurements, catalog: stack.catalog });
    const load = startIngestLoad(stack.ingestor, stack.token, { devices: DEVICES, stepsPerRequest: 50, pauseMs: 50 });
    try {
      await eventually(
        async () => (await measurements.lastSeen(DEVICES)).size === DEVICES.length,
        'the first readings to be projected',
        60_000,
        100,
      );

      // The outage starts right after a batch's readings were inserted, before its rollups were
      // recomputed and its offsets committed: the retry must complete that write, not double it.
      clickhouse.offAfterNextInsert = true;
      await eventually(() => !clickhouse.available, 'an insert to be cut short', 30_000, 10);
      const lags: number[] = [];
      const outageEnds = Date.now() + OUTAGE_MS;
      while (Date.now() < outageEnds) {
        lags.push(await stack.lag());
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const ready = await app.http.inject({ method: 'GET', url: '/health/ready' });
      clickhouse.available = true;

      expect(ready.statusCode).toBe(503);
      expect(clickhouse.refused).toBeGreaterThan(0);
      // Nothing was committed while ClickHouse was away, and the pipeline kept sending.
      expect(lags.at(-1)!).toBeGreaterThan(lags[0]! + 10);
    } finally {
      await load.stop();
    }
    await eventually(async () => (await stack.lag()) === 0, 'the projector to catch up', 90_000, 250);
    expect((await app.http.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
    const retries = retrySummary(logs);
    await app.close();

    // Retried with a capped backoff (about ten attempts in five seconds per partition, not thousands), never crashed.
    expect(retries.retries).toBeGreaterThan(0);
    expect(retries.maxAttempt).toBeLessThanOrEqual(12);
    expect(retries.crashes).toBe(0);
    expect(load.stats.other).toEqual([]);

    await expectStoredExactlyAccepted(measurements, load, SERIES, 50 * DEVICES.length);
  });
});
