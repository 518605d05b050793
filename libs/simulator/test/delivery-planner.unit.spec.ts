import type { IngestReading } from '@medido/contracts';
import { describe, expect, it } from 'vitest';
import { DeliveryPlanner } from '../src/delivery-planner.ts';
import { DEMO_FLEET, simulateReadings } from '../src/index.ts';
import { readingKey } from '../src/testing/ingest-recorder.ts';

const DAY = 86_400_000;
const TO = Date.parse('2026-05-20T00:00:00.000Z');

function deliver(seed: string, readings: IngestReading[], batchSize: number) {
  const planner = new DeliveryPlanner(seed, DEMO_FLEET);
  const requests: IngestReading[][] = [];
  for (let i = 0; i < readings.length; i += batchSize) {
    requests.push(planner.next(readings.slice(i, i + batchSize), i + batchSize >= readings.length));
  }
  return { requests, stats: planner.stats };
}

/** Readings whose (device, variable, ts) an earlier request already carried. */
function duplicatesOf(requests: IngestReading[][]) {
  const seen = new Map<string, number>();
  const duplicates: IngestReading[] = [];
  for (const request of requests) {
    for (const r of request) if (seen.has(readingKey(r))) duplicates.push(r);
    for (const r of request) if (!seen.has(readingKey(r))) seen.set(readingKey(r), r.value);
  }
  return { duplicates, seen };
}

/** First copies of readings older than one of the same series that an earlier request carried. */
function lateOf(requests: IngestReading[][]) {
  const newest = new Map<string, string>();
  const seen = new Set<string>();
  const late: IngestReading[] = [];
  for (const request of requests) {
    for (const r of request)
      if (!seen.has(readingKey(r)) && (newest.get(`${r.deviceId}|${r.variable}`) ?? '') > r.ts) late.push(r);
    for (const r of request) {
      seen.add(readingKey(r));
      const series = `${r.deviceId}|${r.variable}`;
      if ((newest.get(series) ?? '') < r.ts) newest.set(series, r.ts);
    }
  }
  return late;
}

describe('delivering readings like imperfect pipelines', () => {
  const canonical = simulateReadings({ seed: 'plan', from: TO - 4 * DAY, to: TO });
  const { requests, stats } = deliver('plan', canonical, 500);

  it('re-sends, in a later request, copies of readings of the resending meter only', () => {
    const { duplicates, seen } = duplicatesOf(requests);
    expect(duplicates.length).toBe(stats.resent);
    expect(stats.resent).toBeGreaterThan(0);
    expect(new Set(duplicates.map((r) => r.deviceId))).toEqual(new Set(['mtr-depto-101']));
    expect(duplicates.every((r) => seen.get(readingKey(r)) === r.value)).toBe(true);
  });

  it('sends a stretch of the late meter after newer readings of it, in the next request', () => {
    const late = lateOf(requests);
    expect(late.length).toBe(stats.late);
    expect(stats.late).toBeGreaterThan(0);
    expect(new Set(late.map((r) => r.deviceId))).toEqual(new Set(['mtr-muni-p2']));
  });

  it('loses nothing and invents nothing: the distinct readings are exactly the canonical ones', () => {
    const sent = requests.flat();
    expect(sent.length).toBe(canonical.length + stats.resent);
    const { seen } = duplicatesOf(requests);
    expect(seen).toEqual(new Map(canonical.map((r) => [readingKey(r), r.value])));
  });

  it('is deterministic for a seed', () => {
    expect(deliver('plan', canonical, 500).requests).toEqual(requests);
  });

  it('in live mode holds a whole instant of the late meter until a newer one went out, and drains the rest on stop', () => {
    const planner = new DeliveryPlanner('live', DEMO_FLEET);
    const instants = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) =>
      simulateReadings({ seed: 'live', from: TO + i * 900_000, to: TO + i * 900_000 }),
    );
    const sent = instants.map((batch) => planner.next(batch, false));
    sent.push(planner.drain());
    expect(planner.stats.late).toBeGreaterThan(0);
    expect(lateOf(sent).length).toBe(planner.stats.late);
    expect(new Set(lateOf(sent).map((r) => r.deviceId))).toEqual(new Set(['mtr-muni-p2']));
    expect(new Set(sent.flat().map(readingKey))).toEqual(new Set(instants.flat().map(readingKey)));
  });
});
