import { TOPICS } from '@medido/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replay, type Projector, type ReplayProgress } from '../src/index.ts';
import {
  expectedSnapshot,
  readSnapshot,
  totals,
  type MeasurementsSnapshot,
} from '../src/testing/measurements-snapshot.ts';
import type { ProjectionStack } from '../src/testing/projection-stack.ts';
import {
  DAY,
  ENERGY,
  T0,
  measurementsRecords,
  registerReadings,
  type TestReading,
} from '../src/testing/readings.fixture.ts';
import { openTestStack } from './test-stack.ts';

/**
 * Measurements from Kafka into chDB through the real projector: re-deliveries and re-sent readings
 * are stored once and leave every rollup as it was; `replay` rebuilds the same answers from the topic.
 */
const DEVICES = ['dev-a', 'dev-b', 'dev-c'];
const SERIES = DEVICES.map((deviceId) => ({ deviceId, variable: ENERGY }));
const WINDOW = { from: T0, to: T0 + 4 * DAY };
/** Two days of one reading a minute per device. */
const FIRST = registerReadings(DEVICES, 0, 2 * 1440);

let stack: ProjectionStack;
let projector: Projector;
let accepted: TestReading[] = [];
let baseline: MeasurementsSnapshot;

const snapshot = () => readSnapshot(stack.measurements, SERIES, WINDOW);
beforeAll(async () => {
  stack = await openTestStack('projm');
  projector = await stack.startProjector();
  await stack.bus.publish(TOPICS.measurements, measurementsRecords(FIRST, 500));
  accepted = [...FIRST];
  await stack.waitForProjection(projector);
  baseline = await snapshot();
});
afterAll(async () => {
  await stack?.dispose();
});

describe('measurements projection on Kafka and chDB', () => {
  it('stores every reading once and builds the rollups the readings imply', () => {
    expect(totals(baseline).readings).toBe(3 * 2880);
    expect(baseline['dev-a/active_energy_import']!['1d'].count.map(([, v]) => v)).toEqual([1440, 1440]);
    expect(baseline).toEqual(expectedSnapshot(accepted, SERIES, WINDOW));
  });

  it('drops the same batch delivered twice: written, then re-delivered because the commit was lost', async () => {
    await projector.stop();
    const tokens: string[] = [];
    const store = stack.measurements;
    // Every batch is written, then fails as if the process died before committing its offsets: the
    // bus re-delivers it. A new group also re-reads every batch the first projector already wrote.
    const losingCommits = {
      ...store,
      async insert(rows: Parameters<typeof store.insert>[0], token: string) {
        await store.insert(rows, token);
        tokens.push(token);
        if (tokens.filter((t) => t === token).length === 1) throw new Error('the process died before the commit');
      },
    };
    projector = await stack.startProjector({ measurements: losingCommits, groupSuffix: 'again' });
    await stack.waitForProjection(projector);
    expect(await snapshot()).toEqual(baseline);
    // The same tokens came again (the engine dropped those blocks); none was stored twice in effect.
    expect(tokens.length).toBeGreaterThan(new Set(tokens).size);
    await projector.stop();
    projector = await stack.startProjector({ groupSuffix: 'again' });
  });

  it('stores the same records published again (new offsets, new batches) once', async () => {
    await stack.bus.publish(TOPICS.measurements, measurementsRecords(FIRST, 700));
    await stack.waitForProjection(projector);
    expect(await snapshot()).toEqual(baseline);
  });

  it('counts readings re-sent in a later batch once, next to new ones, and leaves the old days as they were', async () => {
    const resent = FIRST.filter((r) => r.deviceId === 'dev-a' && r.ts < T0 + DAY);
    const fresh = registerReadings(DEVICES, 2 * 1440, 3 * 1440);
    const mixed = [...resent, ...fresh];
    await stack.bus.publish(TOPICS.measurements, measurementsRecords(mixed, 1000));
    accepted = [...accepted, ...fresh];
    await stack.waitForProjection(projector);
    const after = await snapshot();
    expect(after).toEqual(expectedSnapshot(accepted, SERIES, WINDOW));
    expect(totals(after).readings).toBe(3 * 3 * 1440);
    for (const key of Object.keys(baseline)) {
      for (const aggregation of ['count', 'sum', 'delta', 'avg'] as const) {
        // Day 1 is untouched; day 2's delta gains the increase closed by day 3's first reading (at midnight).
        expect(after[key]!['1d'][aggregation][0], `${key} ${aggregation}`).toEqual(
          baseline[key]!['1d'][aggregation][0],
        );
      }
      expect(after[key]!['1d'].count.map(([, v]) => v)).toEqual([1440, 1440, 1440]);
    }
  });

  it('replays the topic into empty read models with the same answers, reporting progress', async () => {
    const original = await snapshot();
    const measurements = await stack.freshMeasurements();
    const catalog = await stack.freshCatalog();
    const progress: ReplayProgress[] = [];
    const summary = await replay(
      { bus: stack.bus, measurements, catalog, logger: stack.logger },
      { pollMs: 200, settleChecks: 2, onProgress: (p) => progress.push(p) },
    );
    expect(await readSnapshot(measurements, SERIES, WINDOW)).toEqual(original);
    expect(progress.at(-1)!.remaining).toBe(0);
    expect(summary.groupSuffix).toMatch(/^replay-/);
    expect(Object.keys(summary.startLag).sort()).toEqual(
      [TOPICS.access, TOPICS.catalog, TOPICS.consumers, TOPICS.measurements].sort(),
    );
  });
});
