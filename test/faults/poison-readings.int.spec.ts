import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { TOPICS } from '@medido/contracts';
import { partitionForKey } from '@medido/event-bus';
import { createClickHouseMeasurementsStore, ReadingsRefusedError, type MeasurementsStore } from '@medido/measurements';
import { readTopic } from '@medido/projection/testing/kafka-probe';
import { ENERGY, measurementsEvent, T0 } from '@medido/projection/testing/readings.fixture';
import { expectStoredExactlyAccepted } from './harness/accepted-snapshot.ts';
import { faultSpec, testEngine } from './harness/fault-spec.ts';
import { startIngestLoad } from './harness/ingest-load.ts';
import { retrySummary, startProjectorApp, untilEveryDeviceProjected } from './harness/projector-in-process.ts';
import { eventually } from '../support/eventually.ts';

/**
 * Issue 12: one reading the store can never hold stalled its partition for good. Here poison records
 * are mixed into a sustained ingest of valid readings, on the same partitions (same device keys):
 * - through the ingestor, the issue's own request (a reading at 1970-01-01T00:00:00Z beside a valid
 *   one): refused per item, the valid one stored;
 * - straight onto the measurements topic, as a pipeline writing to Kafka may: readings outside the
 *   storable range (the epoch, 1970-01-01T12:00Z, 2200), which the projector dead-letters up front, and
 *   records the store refuses as bad data it cannot foresee, which the projector isolates by bisecting
 *   the batch. The engine refuses nothing in range any more (test libs/measurements/test/
 *   storable-range.int.spec.ts), so that refusal is simulated at the store's surface, like the outage
 *   of clickhouse-outage.int.spec.ts, with the error the store raises for an engine refusal.
 * Verdict: every valid reading answered 202 is readable (exactly, in raw, 15 min and day answers), each
 * poison record is in the dead-letter topic once with its coordinates and reason, nothing else is, no
 * batch was retried, and readiness stays ok.
 */
const DEVICES = Array.from({ length: 8 }, (_, i) => `pz-${i}`);
const SERIES = DEVICES.map((deviceId) => ({ deviceId, variable: ENERGY }));
const REFUSED_VARIABLE = 'engine_refuses';
const ROUNDS = 6;
const OUT_OF_RANGE = [Date.UTC(1970, 0, 1), Date.UTC(1970, 0, 1, 12), Date.UTC(2200, 0, 1)];

const fault = faultSpec({ name: 'fault_poison', retryBackoff: { initialMs: 200, maxMs: 2_000 } });

/** The real store, refusing (as it does an engine's bad-data error) any write holding a REFUSED_VARIABLE reading. */
function refusingStore(store: MeasurementsStore): MeasurementsStore & { refusals: number } {
  const wrapped = {
    ...store,
    refusals: 0,
    async insert(rows: Parameters<MeasurementsStore['insert']>[0], token: string) {
      const bad = rows.find((r) => r.variable === REFUSED_VARIABLE);
      if (!bad) return store.insert(rows, token);
      wrapped.refusals++;
      throw new ReadingsRefusedError(
        `the measurements engine refused the readings: Cannot parse input: ${bad.deviceId}`,
        { engineCode: '27 CANNOT_PARSE_INPUT_ASSERTION_FAILED' },
      );
    },
  };
  return wrapped;
}

describe('poison readings mixed into a sustained ingest', () => {
  it('stores every valid reading, dead-letters each poison record once, and never stalls a partition', async () => {
    const { stack, database } = fault;
    const real = createClickHouseMeasurementsStore({ client: testEngine(), database });
    const measurements = refusingStore(real);
    const { app, logs } = await startProjectorApp({ bus: stack.bus, measurements, catalog: stack.catalog });
    const producer = new Kafka({ brokers: stack.brokers, logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    const poison: { key: string; partition: number; offset: string; code: string }[] = [];
    const produce = async (key: string, event: object, code: string) => {
      const [sent] = await producer.send({
        topic: stack.prefix + TOPICS.measurements,
        acks: -1,
        messages: [{ key, value: JSON.stringify(event) }],
      });
      poison.push({ key, partition: sent!.partition, offset: sent!.baseOffset!, code });
    };

    const load = startIngestLoad(stack.ingestor, stack.token, { devices: DEVICES, stepsPerRequest: 20, pauseMs: 40 });
    let issueRequest;
    try {
      await untilEveryDeviceProjected(real, DEVICES);
      issueRequest = await stack.ingestor.inject({
        method: 'POST',
        url: '/v1/ingest/measurements',
        headers: { authorization: `Bearer ${stack.token}` },
        payload: {
          readings: [
            { deviceId: DEVICES[1], variable: 'active_power', ts: '1970-01-01T00:00:00Z', value: 1 },
            { deviceId: DEVICES[1], variable: 'active_power', ts: new Date(T0).toISOString(), value: 2 },
          ],
        },
      });
      for (let round = 0; round < ROUNDS; round++) {
        const key = DEVICES[round % DEVICES.length]!;
        const at = OUT_OF_RANGE[round % OUT_OF_RANGE.length]!;
        // A valid reading beside the bad one: the record is one event, dead-lettered whole.
        await produce(
          key,
          measurementsEvent(key, [
            { variable: ENERGY, ts: T0 - 60_000, value: 0 },
            { variable: ENERGY, ts: at, value: 1 },
          ]),
          'EVENT_DATA_INVALID',
        );
        await produce(
          key,
          measurementsEvent(key, [{ variable: REFUSED_VARIABLE, ts: T0, value: round }]),
          'STORE_REFUSED',
        );
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    } finally {
      await load.stop();
      await producer.disconnect();
    }
    await eventually(async () => (await stack.lag()) === 0, 'the projector to catch up', 90_000, 250);
    const ready = await app.http.inject({ method: 'GET', url: '/health/ready' });
    const retries = retrySummary(logs);
    await app.close();

    // The issue's request: the 1970 reading refused per item with a clear code, the valid one stored.
    expect(issueRequest!.statusCode, issueRequest!.body).toBe(202);
    expect(issueRequest!.json()).toMatchObject({
      accepted: 1,
      rejected: [{ index: 0, code: 'READING_TIMESTAMP_TOO_OLD' }],
    });
    const [power] = await real.query({
      series: [{ deviceId: DEVICES[1]!, variable: 'active_power', kind: 'instantaneous', aggregation: 'last' }],
      from: 0,
      to: T0 + 1,
      frequency: 'raw',
      timezone: 'UTC',
    });
    expect(power!.points).toEqual([{ ts: T0, value: 2, quality: 'measured' }]);

    // Every valid reading answered 202 is readable, exactly once.
    expect(load.stats.other).toEqual([]);
    await expectStoredExactlyAccepted(real, load, SERIES, 20 * DEVICES.length);

    // Each poison record in the dead-letter topic once, with its coordinates and reason; nothing else.
    expect(poison).toHaveLength(2 * ROUNDS);
    expect(poison.every((p) => p.partition === partitionForKey(p.key, 8))).toBe(true);
    const [deadLetterPartition] = await stack.admin.fetchTopicOffsets(stack.prefix + TOPICS.deadLetter);
    expect(Number(deadLetterPartition!.high)).toBe(poison.length);
    const letters = (await readTopic(stack.brokers, stack.prefix + TOPICS.deadLetter, poison.length)).map(
      (r) =>
        JSON.parse(r.value!.toString('utf8')) as {
          topic: string;
          partition: number;
          offset: string;
          error: { code: string; message: string };
        },
    );
    const coordinates = (x: { partition: number; offset: string; code: string }) =>
      `${x.partition}/${x.offset}/${x.code}`;
    expect(letters.map((l) => coordinates({ ...l, code: l.error.code })).sort()).toEqual(
      poison.map(coordinates).sort(),
    );
    expect(letters.every((l) => l.topic === TOPICS.measurements)).toBe(true);
    for (const letter of letters.filter((l) => l.error.code === 'STORE_REFUSED')) {
      expect(letter.error.message).toMatch(
        /^27 CANNOT_PARSE_INPUT_ASSERTION_FAILED: the measurements engine refused the readings: Cannot parse input: pz-\d$/,
      );
    }
    // The readings beside the out-of-range ones were dead-lettered with their record, not stored.
    const [early] = await real.query({
      series: DEVICES.slice(0, 1).map((deviceId) => ({
        deviceId,
        variable: ENERGY,
        kind: 'cumulative' as const,
        aggregation: 'count' as const,
      })),
      from: T0 - 60_000,
      to: T0,
      frequency: 'raw',
      timezone: 'UTC',
    });
    expect(early!.points).toEqual([]);

    // No partition ever waited: no batch retried, nothing reported stuck, ready throughout.
    expect(measurements.refusals).toBeGreaterThanOrEqual(ROUNDS);
    expect(retries).toEqual({ retries: 0, maxAttempt: 0, crashes: 0 });
    expect(logs.filter((l) => String(l.msg).startsWith('partition stuck'))).toEqual([]);
    expect(ready.statusCode).toBe(200);
  });
});
