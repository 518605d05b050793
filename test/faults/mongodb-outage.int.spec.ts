import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createMongoCatalogStore, type CatalogStore } from '@medido/catalog';
import { duplicated, shuffled } from '@medido/catalog/testing/catalog-events.fixture';
import { HISTORY } from '@medido/catalog/testing/catalog-history.fixture';
import { expectedSnapshot as expectedCatalog, readEverything } from '@medido/catalog/testing/catalog-snapshot';
import { createClickHouseMeasurementsStore } from '@medido/measurements';
import { publishCatalogEvents } from '@medido/projection/testing/catalog.fixture';
import { ENERGY } from '@medido/projection/testing/readings.fixture';
import { measurementsDatabase, testEngine } from './harness/fault-spec.ts';
import { openFaultStack, type FaultStack } from './harness/fault-stack.ts';
import { expectStoredExactlyAccepted } from './harness/accepted-snapshot.ts';
import { startIngestLoad } from './harness/ingest-load.ts';
import { startPrivateFerretDB, type PrivateFerretDB } from './harness/private-services.ts';
import { expectRetriedWithCappedBackoff, retrySummary, startProjectorApp } from './harness/projector-in-process.ts';
import { eventually } from '../support/eventually.ts';

/**
 * The catalog's MongoDB server (a FerretDB of this test's own) crashes and comes back while readings
 * and catalog events keep arriving: the catalog group stalls, the measurements group does not need
 * MongoDB and keeps projecting, nothing is skipped, and afterwards the catalog equals the history's
 * and the measurements equal what was acknowledged.
 */
const DEVICES = ['dev-1', 'dev-2', 'dev-3', 'dev-4'];
const SERIES = DEVICES.map((deviceId) => ({ deviceId, variable: ENERGY }));
const OUTAGE_MS = 5_000;

let ferret: PrivateFerretDB;
let stack: FaultStack;
let projectorCatalog: CatalogStore;
const database = measurementsDatabase('fault_mongo');
beforeAll(async () => {
  ferret = await startPrivateFerretDB();
  stack = await openFaultStack({
    brokers: inject('kafkaBrokers'),
    mongoUrl: ferret.url,
    name: 'fault_mongo',
    retryBackoff: { initialMs: 200, maxMs: 2_000 },
  });
  // A short server-selection timeout makes a 5 s outage fail the batches (the default 30 s would
  // have the driver wait through it): the path under test is the projector's pause and retry.
  projectorCatalog = createMongoCatalogStore({
    url: ferret.url,
    database: stack.mongoDatabase,
    clientOptions: { serverSelectionTimeoutMS: 1_500 },
  });
});
afterAll(async () => {
  await projectorCatalog?.close();
  await stack?.dispose();
  await ferret?.dispose();
});

describe('MongoDB unavailable during a sustained ingest', () => {
  it('stalls the catalog, keeps projecting readings, then projects every event once it is back', async () => {
    const measurements = createClickHouseMeasurementsStore({
      client: testEngine(),
      database,
    });
    const { app, logs } = await startProjectorApp({ bus: stack.bus, measurements, catalog: projectorCatalog });
    const load = startIngestLoad(stack.ingestor, stack.token, { devices: DEVICES, stepsPerRequest: 50, pauseMs: 50 });
    try {
      await publishCatalogEvents(stack.bus, shuffled(HISTORY, 3).slice(0, 10));
      await eventually(
        async () => (await measurements.lastSeen(DEVICES)).size === DEVICES.length && (await stack.lag()) < 20,
        'the first batches to be projected',
        60_000,
        100,
      );

      await ferret.kill();
      const newestAtOutage = Math.max(...(await measurements.lastSeen(DEVICES)).values());
      const outageEnds = Date.now() + OUTAGE_MS;
      await publishCatalogEvents(stack.bus, duplicated(HISTORY, 5));
      const lags: number[] = [];
      while (Date.now() < outageEnds) {
        lags.push(await stack.lag());
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const ready = await app.http.inject({ method: 'GET', url: '/health/ready' });
      const newestAfterOutage = Math.max(...(await measurements.lastSeen(DEVICES)).values());
      await ferret.start();

      expect(ready.statusCode).toBe(503);
      expect(lags.at(-1)!).toBeGreaterThanOrEqual(HISTORY.length * 2); // the catalog events wait for MongoDB
      expect(newestAfterOutage).toBeGreaterThan(newestAtOutage); // readings accepted meanwhile were projected
    } finally {
      await load.stop();
    }
    await eventually(async () => (await stack.lag()) === 0, 'the projector to catch up', 90_000, 250);
    const retries = retrySummary(logs);
    await app.close();

    expectRetriedWithCappedBackoff(retries);
    expect(load.stats.other).toEqual([]);

    await expectStoredExactlyAccepted(measurements, load, SERIES, 50 * DEVICES.length);

    // The history's catalog, every event of it applied once.
    expect(await readEverything(stack.catalog)).toEqual(expectedCatalog());
  });
});
