import { expect } from 'vitest';
import type { MeasurementsStore } from '@medido/measurements';
import { expectedSnapshot, readSnapshot, totals } from '@medido/projection/testing/measurements-snapshot';
import { DAY, T0 } from '@medido/projection/testing/readings.fixture';
import type { IngestLoad } from './ingest-load.ts';

/**
 * The fault tests' verdict: the measurements read model holds exactly the readings of the requests the
 * ingestor answered 202 — as many as the requests carried, and raw points, 15 min and day aggregations
 * equal to an independent calculation from those readings (nothing lost, nothing doubled).
 */
export async function expectStoredExactlyAccepted(
  measurements: MeasurementsStore,
  load: IngestLoad,
  series: { deviceId: string; variable: string }[],
  readingsPerRequest: number,
): Promise<void> {
  const steps = load.accepted.length / series.length;
  const window = { from: T0, to: T0 + Math.ceil(steps / 1440 + 1) * DAY };
  const stored = await readSnapshot(measurements, series, window);
  expect(totals(stored).readings).toBe(load.stats.accepted * readingsPerRequest);
  expect(stored).toEqual(expectedSnapshot(load.accepted, series, window));
}
