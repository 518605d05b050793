import { describe, expect, it } from 'vitest';
import { createClickHouseMeasurementsStore, type ClickHouseMeasurementsStore } from '@medido/measurements';
import { ENERGY } from '@medido/projection/testing/readings.fixture';
import { faultSpec, testEngine } from './harness/fault-spec.ts';
import { expectStoredExactlyAccepted } from './harness/accepted-snapshot.ts';
import { startIngestLoad } from './harness/ingest-load.ts';
import {
  expectRetriedWithCappedBackoff,
  retrySummary,
  startProjectorApp,
  untilEveryDeviceProjected,
} from './harness/projector-in-process.ts';
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

let measurements: ClickHouseMeasurementsStore;
const fault = faultSpec({ name: 'fault_ch', retryBackoff: { initialMs: 200, maxMs: 2_000 } });

describe('ClickHouse unavailable during a sustained ingest', () => {
  it('pauses, lets the lag grow, then projects everything exactly once', async () => {
    const { stack, database } = fault;
    const clickhouse = switchableClickHouse(testEngine());
    measurements = createClickHouseMeasurementsStore({ client: clickhouse.client, database });
    const { app, logs } = await startProjectorApp({ bus: stack.bus, measurements, catalog: stack.catalog });
    const load = startIngestLoad(stack.ingestor, stack.token, { devices: DEVICES, stepsPerRequest: 50, pauseMs: 50 });
    try {
      await untilEveryDeviceProjected(measurements, DEVICES);

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

    expectRetriedWithCappedBackoff(retries);
    expect(load.stats.other).toEqual([]);

    await expectStoredExactlyAccepted(measurements, load, SERIES, 50 * DEVICES.length);
  });
});
