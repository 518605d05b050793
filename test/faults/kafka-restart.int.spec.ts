import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createClickHouseMeasurementsStore } from '@medido/measurements';
import { ENERGY } from '@medido/projection/testing/readings.fixture';
import { measurementsDatabase, testEngine } from './harness/fault-spec.ts';
import { openFaultStack, type FaultStack } from './harness/fault-stack.ts';
import { expectStoredExactlyAccepted } from './harness/accepted-snapshot.ts';
import { startIngestLoad } from './harness/ingest-load.ts';
import { startPrivateKafka, type PrivateKafka } from './harness/private-services.ts';
import { startProjectorApp, untilEveryDeviceProjected } from './harness/projector-in-process.ts';
import { eventually } from '../support/eventually.ts';

/**
 * The Kafka broker (a second one, started for this test by scripts/infra/infra.sh on private ports)
 * is shut down and started again during a sustained ingest. While it is away the ingestor answers
 * 503 and the pipeline sends the same request again; afterwards the read models hold exactly the
 * readings of the requests answered 202, each once.
 */
const DEVICES = Array.from({ length: 6 }, (_, i) => `kafka-${i}`);
const SERIES = DEVICES.map((deviceId) => ({ deviceId, variable: ENERGY }));

let kafka: PrivateKafka;
let stack: FaultStack;
const database = measurementsDatabase('fault_kafka');
beforeAll(async () => {
  kafka = await startPrivateKafka();
  stack = await openFaultStack({
    brokers: kafka.brokers,
    mongoUrl: inject('mongoUrl'),
    name: 'fault_kafka',
    ackTimeoutMs: 1_500,
    retryBackoff: { initialMs: 200, maxMs: 2_000 },
  });
}, 240_000);
afterAll(async () => {
  await stack?.dispose();
  await kafka?.dispose();
});

const answers = async <T>(probe: () => Promise<T>, accept: (value: T) => boolean) => probe().then(accept, () => false);

describe('Kafka broker stopped and restarted during a sustained ingest', () => {
  it('answers 503 while it is down, then the read models equal exactly what was answered 202', async () => {
    const measurements = createClickHouseMeasurementsStore({
      client: testEngine(),
      database,
    });
    const { app } = await startProjectorApp({ bus: stack.bus, measurements, catalog: stack.catalog });
    const load = startIngestLoad(stack.ingestor, stack.token, {
      devices: DEVICES,
      stepsPerRequest: 50,
      pauseMs: 50,
      retryMs: 250,
    });
    try {
      await untilEveryDeviceProjected(measurements, DEVICES);

      await kafka.down();
      const acceptedWhenDown = load.stats.accepted;
      await eventually(() => load.stats.unavailable >= 2, 'the ingestor to answer 503', 30_000, 50);
      const ingestorReady = await stack.ingestor.inject({ method: 'GET', url: '/health/ready' });
      const projectorReady = await app.http.inject({ method: 'GET', url: '/health/ready' });
      // Nothing is acknowledged while the broker is away (at most the request that was in flight).
      expect(load.stats.accepted - acceptedWhenDown).toBeLessThanOrEqual(1);
      await kafka.up();

      expect(ingestorReady.statusCode).toBe(503);
      expect(projectorReady.statusCode).toBe(503);
      await eventually(() => load.stats.accepted > acceptedWhenDown + 5, 'the ingestor to accept again', 90_000, 100);
    } finally {
      await load.stop();
    }
    await eventually(
      () =>
        answers(
          () => stack.lag(),
          (lag) => lag === 0,
        ),
      'the projector to catch up',
      120_000,
      250,
    );
    expect((await app.http.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
    await app.close();

    expect(load.stats.other).toEqual([]);
    await expectStoredExactlyAccepted(measurements, load, SERIES, 50 * DEVICES.length);
  }, 240_000);
});
