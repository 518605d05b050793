import Type from 'typebox';
import { DeviceId, VariableName } from './ids.ts';

export const READING_QUALITIES = ['measured', 'estimated', 'substituted'] as const;
// Spelled out (not mapped from the tuple) so TypeBox infers the literal union, not `never`.
export const ReadingQuality = Type.Union([Type.Literal('measured'), Type.Literal('estimated'), Type.Literal('substituted')]);
export type ReadingQuality = (typeof READING_QUALITIES)[number];

/** One reading as a meter pipeline sends it to `POST /v1/ingest/measurements`. */
export const IngestReading = Type.Object({
  deviceId: DeviceId,
  variable: VariableName,
  ts: Type.String({ format: 'date-time', description: 'Instant of the reading, ISO 8601 with offset or Z.' }),
  value: Type.Number({ description: 'Finite number. Cumulative registers send the register value, not a difference.' }),
  quality: Type.Optional(ReadingQuality),
}, { additionalProperties: false });
export type IngestReading = Type.Static<typeof IngestReading>;

/** A reading inside a MeasurementsRecorded event: the device is the event's. `ts` is UTC with ms. */
export const RecordedReading = Type.Object({
  variable: VariableName,
  ts: Type.String({ format: 'date-time' }),
  value: Type.Number(),
  quality: Type.Optional(ReadingQuality),
}, { additionalProperties: false });
export type RecordedReading = Type.Static<typeof RecordedReading>;

export const MeasurementsRecordedData = Type.Object({
  deviceId: DeviceId,
  readings: Type.Array(RecordedReading, { minItems: 1, maxItems: 100_000 }),
}, { additionalProperties: false });
export type MeasurementsRecordedData = Type.Static<typeof MeasurementsRecordedData>;

/** Readings outside these bounds are refused: they are clock faults, not measurements. */
export const READING_LIMITS = {
  earliest: Date.UTC(1970, 0, 1),
  /** How far ahead of the ingestor's clock a reading may be (meter clocks drift). */
  maxFutureSkewMs: 5 * 60_000,
} as const;
