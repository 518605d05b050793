import Type from 'typebox';
import { DeviceId, VariableName } from './ids.ts';

export const READING_QUALITIES = ['measured', 'estimated', 'substituted'] as const;
// Spelled out (not mapped from the tuple) so TypeBox infers the literal union, not `never`.
export const ReadingQuality = Type.Union(
  [Type.Literal('measured'), Type.Literal('estimated'), Type.Literal('substituted')],
  {
    description:
      'measured: read from the meter; estimated: computed where a reading is missing; substituted: replaced after validation. Default: measured.',
  },
);
export type ReadingQuality = (typeof READING_QUALITIES)[number];

/**
 * The largest magnitude of a reading value: |value| ≤ 10^15. Beyond it a reading is a pipeline fault
 * (10^15 Wh is a petawatt-hour; doubles stop resolving units near 9·10^15). It also keeps every
 * aggregate finite: a sum or an average of n readings is at most n·10^15, and Float64 overflows
 * only past 1.8·10^308, i.e. past 10^293 readings, so no bucket, group or rollup can reach it
 * (without the bound, 1e308 + 1.7e308 in one day summed to Infinity).
 */
export const MAX_READING_MAGNITUDE = 1e15;
const ReadingValue = (description: string) =>
  Type.Number({ minimum: -MAX_READING_MAGNITUDE, maximum: MAX_READING_MAGNITUDE, description });

/** One reading as a meter pipeline sends it to `POST /v1/ingest/measurements`. */
export const IngestReading = Type.Object(
  {
    deviceId: DeviceId,
    variable: VariableName,
    ts: Type.String({ format: 'date-time', description: 'Instant of the reading, ISO 8601 with offset or Z.' }),
    value: ReadingValue(
      'Finite number, |value| ≤ 10^15. Cumulative registers send the register value, not a difference.',
    ),
    quality: Type.Optional(ReadingQuality),
  },
  { additionalProperties: false, $id: 'IngestReading', description: 'One meter reading.' },
);
export type IngestReading = Type.Static<typeof IngestReading>;

/** A reading inside a MeasurementsRecorded event: the device is the event's. `ts` is UTC with ms. */
export const RecordedReading = Type.Object(
  {
    variable: VariableName,
    ts: Type.String({ format: 'date-time', description: 'Instant of the reading, UTC with milliseconds.' }),
    value: ReadingValue('Finite number, |value| ≤ 10^15.'),
    quality: Type.Optional(ReadingQuality),
  },
  { additionalProperties: false },
);
export type RecordedReading = Type.Static<typeof RecordedReading>;

/** The most readings one MeasurementsRecorded event may carry (the ingestor writes at most 2 000). */
export const MAX_READINGS_PER_EVENT = 100_000;

export const MeasurementsRecordedData = Type.Object(
  {
    deviceId: DeviceId,
    readings: Type.Array(RecordedReading, {
      minItems: 1,
      maxItems: MAX_READINGS_PER_EVENT,
      description: 'The readings of this device.',
    }),
  },
  { additionalProperties: false, description: 'Readings of one device.' },
);
export type MeasurementsRecordedData = Type.Static<typeof MeasurementsRecordedData>;

/**
 * The storable time range of a reading, [earliest, latest): the ONE definition the ingestor's per-item
 * check, the projector and the measurements store all apply. Chosen so that every bucket holding a
 * reading in range (15 min, 1 h, and the 1 d bucket in ANY zone, UTC−12 to UTC+14) lies within what the
 * engine and the read API can address:
 * - earliest 1970-01-02T00:00Z: the local day of 1970-01-01T00:00Z starts before the epoch in zones
 *   east of UTC (1969-12-31T10:00Z at UTC+14), and the read API refuses windows before 1970-01-01, so
 *   such a day could never be asked for; from 1970-01-02 on, every day bucket starts after the epoch.
 * - latest 2106-01-01T00:00Z: DateTime (UInt32 seconds) ends at 2106-02-07T06:28:15Z; the month, and so
 *   every day, hour and 15 min bucket, holding an instant before 2106 ends before it in any zone. (The
 *   store's DateTime64(3) columns reach 2299, and its text encoding needs fewer than 10^10 seconds,
 *   i.e. before 2286-11-20.)
 * Readings outside it are clock faults, not measurements; the ingestor also refuses readings ahead of
 * its own clock by more than maxFutureSkewMs.
 */
export const READING_LIMITS = {
  /** Earliest storable instant (inclusive), ms since the epoch. */
  earliest: Date.UTC(1970, 0, 2),
  /** First instant past the storable range (exclusive), ms since the epoch. */
  latest: Date.UTC(2106, 0, 1),
  /** How far ahead of the ingestor's clock a reading may be (meter clocks drift). */
  maxFutureSkewMs: 5 * 60_000,
} as const;

/** The storable range as text, for messages: "[1970-01-02T00:00:00.000Z, 2106-01-01T00:00:00.000Z)". */
export const STORABLE_RANGE_TEXT = `[${new Date(READING_LIMITS.earliest).toISOString()}, ${new Date(READING_LIMITS.latest).toISOString()})`;

/** True when `ms` (ms since the epoch) is an integer inside the storable range. */
export function isStorableInstant(ms: number): boolean {
  return Number.isSafeInteger(ms) && ms >= READING_LIMITS.earliest && ms < READING_LIMITS.latest;
}
