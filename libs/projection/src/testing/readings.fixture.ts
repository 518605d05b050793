import { randomUUID } from 'node:crypto';
import { CLOUDEVENTS_CONTENT_TYPE, HEADERS, type RecordedReading } from '@medido/contracts';
import type { OutgoingRecord } from '@medido/event-bus';

/**
 * Readings for projection tests and benchmarks, built so that expected totals can be compared with
 * `toEqual`: values are multiples of 0.25 below 2^40, so every sum of them is exact in binary and
 * the engine's summation order cannot change a result.
 */

export const ENERGY = 'active_energy_import';
/** 2026-04-10 00:00 in America/Santiago. The zone is UTC−4 from 2026-04-05 to 2026-09-06: days start at 04:00Z. */
export const T0 = Date.parse('2026-04-10T04:00:00.000Z');
export const MINUTE = 60_000;
export const DAY = 86_400_000;

export interface TestReading {
  deviceId: string;
  variable: string;
  ts: number;
  value: number;
}

/**
 * Reading `n` of a cumulative register on `deviceId`: one a minute from T0, growing by 0.25 to 1.75
 * per step, with a reset to zero every 500 steps (resets exercise the delta convention).
 */
export function registerReading(deviceId: string, n: number, variable = ENERGY): TestReading {
  // Closed form of the sum of 0.25 * (1 + i % 7) for i = 1..k, k steps since the last reset.
  const k = n % 500;
  const r = k % 7;
  const value = 0.25 * (k + 21 * Math.floor(k / 7) + (r * (r + 1)) / 2);
  return { deviceId, variable, ts: T0 + n * MINUTE, value };
}

/** Readings `from` (inclusive) to `to` (exclusive) of each device, interleaved by step. */
export function registerReadings(deviceIds: string[], from: number, to: number, variable = ENERGY): TestReading[] {
  const out: TestReading[] = [];
  for (let n = from; n < to; n++) for (const d of deviceIds) out.push(registerReading(d, n, variable));
  return out;
}

/** A MeasurementsRecorded CloudEvent of one device, as the ingestor writes it. */
export function measurementsEvent(
  deviceId: string,
  readings: Pick<TestReading, 'variable' | 'ts' | 'value'>[],
  options: { id?: string; time?: string } = {},
) {
  const recorded: RecordedReading[] = readings.map((r) => ({
    variable: r.variable,
    ts: new Date(r.ts).toISOString(),
    value: r.value,
    quality: 'measured',
  }));
  return {
    specversion: '1.0',
    id: options.id ?? randomUUID(),
    source: '/tests/projection',
    type: 'MeasurementsRecorded',
    time: options.time ?? new Date().toISOString(),
    subject: deviceId,
    datacontenttype: 'application/json',
    data: { deviceId, readings: recorded },
  };
}

/** Kafka records for readings: per device (the record key), in order, at most `perEvent` readings per event. */
export function measurementsRecords(readings: TestReading[], perEvent = 500): OutgoingRecord[] {
  const byDevice = new Map<string, TestReading[]>();
  for (const r of readings) {
    const list = byDevice.get(r.deviceId) ?? [];
    if (list.length === 0) byDevice.set(r.deviceId, list);
    list.push(r);
  }
  const records: OutgoingRecord[] = [];
  for (const [deviceId, list] of byDevice) {
    for (let i = 0; i < list.length; i += perEvent) {
      records.push(eventRecord(deviceId, measurementsEvent(deviceId, list.slice(i, i + perEvent))));
    }
  }
  return records;
}

/** A record carrying an event (or anything else) with the headers the ingestor sets. */
export function eventRecord(key: string, value: unknown, type = 'MeasurementsRecorded'): OutgoingRecord {
  return {
    key,
    value: typeof value === 'string' || Buffer.isBuffer(value) ? value : JSON.stringify(value),
    headers: { [HEADERS.contentType]: CLOUDEVENTS_CONTENT_TYPE, [HEADERS.eventType]: type },
  };
}

/** The body of `POST /v1/ingest/measurements` for these readings. */
export function ingestBody(readings: TestReading[]) {
  return {
    readings: readings.map((r) => ({
      deviceId: r.deviceId,
      variable: r.variable,
      ts: new Date(r.ts).toISOString(),
      value: r.value,
      quality: 'measured',
    })),
  };
}

/** One reading per (device, variable, ts): what the store must hold when readings were re-sent. */
export function uniqueReadings(readings: TestReading[]): TestReading[] {
  return [...new Map(readings.map((r) => [`${r.deviceId}\u001f${r.variable}\u001f${r.ts}`, r])).values()];
}
