import {
  isStorableInstant,
  STORABLE_RANGE_TEXT,
  type MeasurementsRecorded,
  type ValidationIssue,
} from '@medido/contracts';
import type { EventBus, IncomingRecord, RecordBatch } from '@medido/event-bus';
import type { MeasurementsStore, StoredReading } from '@medido/measurements';
import { deadLetterOf, publishDeadLetters, type DeadLetter, type ProjectionFailure } from './dead-letter.ts';
import { writeIsolating } from './isolating-writer.ts';
import { decodeRecord, type DecodedRecord } from './record-decoder.ts';

const MEASUREMENT_TYPES = new Set(['MeasurementsRecorded']);

export interface MeasurementsBatchResult {
  readings: number;
  deadLetters: DeadLetter[];
  events: MeasurementsRecorded[];
}

/**
 * Projects one partition's batch of MeasurementsRecorded records into the measurements store, exactly
 * once in effect:
 * - one insert per batch, with a token derived from its offset range, so a retried batch is dropped by
 *   the engine; the store also ignores readings whose (device, variable, ts) it already holds, so a
 *   re-delivery with different batch boundaries or a re-sent reading changes nothing;
 * - poison records are dead-lettered, then skipped: records that do not decode, readings outside the
 *   storable range (checked here), and records the store refuses as data it can never hold (found by
 *   bisecting the batch, see isolating-writer.ts). If a dead-letter publish fails the batch fails and is
 *   retried (nothing is lost);
 * - readings of devices the catalog does not know yet are kept: the topics are not ordered against
 *   each other, and such readings become visible once the device is registered.
 * Throws on a store outage (any error but a refusal): the bus then pauses this partition and retries
 * the same batch.
 */
export async function projectMeasurementsBatch(
  batch: RecordBatch,
  deps: { bus: EventBus; measurements: MeasurementsStore; now?: () => number },
): Promise<MeasurementsBatchResult> {
  const ingestedAt = (deps.now ?? Date.now)();
  const decoded = batch.records.map((record) => storableRows(decodeRecord(record, MEASUREMENT_TYPES), ingestedAt));
  const deadLetters = decoded.flatMap((d) => (d.ok ? [] : [deadLetterOf(d.record, d.failure)]));
  await publishDeadLetters(deps.bus, deadLetters);

  const records = decoded.flatMap((d) => (d.ok ? [d] : []));
  // A device's last-seen time is the store's newest reading of it (series_latest): nothing else to write.
  const refused = await writeIsolating(deps.measurements, batch, records);
  const refusedLetters = refused.map(({ record, error }) =>
    deadLetterOf(record, {
      code: 'STORE_REFUSED',
      message: error.engineCode ? `${error.engineCode}: ${error.message}` : error.message,
    }),
  );
  await publishDeadLetters(deps.bus, refusedLetters);

  const refusedRecords = new Set(refused.map((r) => r.record));
  const kept = records.filter((r) => !refusedRecords.has(r.record));
  return {
    readings: kept.reduce((n, r) => n + r.event.data.readings.length, 0),
    deadLetters: [...deadLetters, ...refusedLetters],
    events: kept.map((r) => r.event),
  };
}

type ProjectableRecord =
  | { ok: true; record: IncomingRecord; event: MeasurementsRecorded; rows: StoredReading[] }
  | Extract<DecodedRecord, { ok: false }>;

/**
 * A decoded record's rows for the store. The schema admits readings the store refuses for ever (outside
 * the storable range: the ingestor rejects them, a pipeline writing to Kafka directly may not). Retrying
 * such a record would stall its partition, so the whole record is dead-lettered, like any other record
 * that can never be projected.
 */
function storableRows(decoded: DecodedRecord, ingestedAt: number): ProjectableRecord {
  if (!decoded.ok) return decoded;
  const event = decoded.event as MeasurementsRecorded;
  const { deviceId, readings } = event.data;
  const rows: StoredReading[] = new Array(readings.length);
  const issues: ValidationIssue[] = [];
  for (let i = 0; i < readings.length; i++) {
    const r = readings[i]!;
    const ts = Date.parse(r.ts);
    if (!isStorableInstant(ts))
      issues.push({ path: `/readings/${i}/ts`, message: `must lie in the storable range ${STORABLE_RANGE_TEXT}` });
    rows[i] = { deviceId, variable: r.variable, ts, value: r.value, quality: r.quality ?? 'measured', ingestedAt };
  }
  if (issues.length === 0) return { ok: true, record: decoded.record, event, rows };
  const failure: ProjectionFailure = {
    code: 'EVENT_DATA_INVALID',
    message: `readings outside ${STORABLE_RANGE_TEXT} cannot be stored`,
    issues: issues.slice(0, 20),
  };
  return { ok: false, record: decoded.record, failure };
}
