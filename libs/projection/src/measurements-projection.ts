import { READING_LIMITS, type MeasurementsRecorded } from '@medido/contracts';
import type { EventBus, RecordBatch } from '@medido/event-bus';
import type { MeasurementsStore, StoredReading } from '@medido/measurements';
import { deadLetterOf, publishDeadLetters, type DeadLetter, type ProjectionFailure } from './dead-letter.ts';
import { decodeRecord, type DecodedRecord } from './record-decoder.ts';

const MEASUREMENT_TYPES = new Set(['MeasurementsRecorded']);

export interface MeasurementsBatchResult { readings: number; deadLetters: DeadLetter[]; events: MeasurementsRecorded[] }

/** The dedup token of a batch: the same offset range of the same partition always gets the same token. */
export function batchDedupToken(batch: Pick<RecordBatch, 'topic' | 'partition' | 'firstOffset' | 'lastOffset'>): string {
  return `${batch.topic}/${batch.partition}/${batch.firstOffset}-${batch.lastOffset}`;
}

export function toStoredReadings(event: MeasurementsRecorded, ingestedAt: number): StoredReading[] {
  return event.data.readings.map((r) => ({
    deviceId: event.data.deviceId, variable: r.variable, ts: Date.parse(r.ts), value: r.value,
    quality: r.quality ?? 'measured', ingestedAt,
  }));
}

/**
 * Projects one partition's batch of MeasurementsRecorded records into the measurements store, exactly
 * once in effect:
 * - one insert per batch, with a token derived from its offset range, so a retried batch is dropped by
 *   the engine; the store also ignores readings whose (device, variable, ts) it already holds, so a
 *   re-delivery with different batch boundaries or a re-sent reading changes nothing;
 * - poison records are dead-lettered first, then skipped; if the dead-letter publish fails the whole
 *   batch fails and is retried (nothing is lost);
 * - readings of devices the catalog does not know yet are kept: the topics are not ordered against
 *   each other, and such readings become visible once the device is registered.
 * Throws on a store outage: the bus then pauses this partition and retries the same batch.
 */
export async function projectMeasurementsBatch(
  batch: RecordBatch,
  deps: { bus: EventBus; measurements: MeasurementsStore; now?: () => number },
): Promise<MeasurementsBatchResult> {
  const now = deps.now ?? Date.now;
  const decoded = batch.records.map((record) => storable(decodeRecord(record, MEASUREMENT_TYPES)));
  const deadLetters = decoded.flatMap((d) => (d.ok ? [] : [deadLetterOf(d.record, d.failure)]));
  const events = decoded.flatMap((d) => (d.ok ? [d.event as MeasurementsRecorded] : []));
  await publishDeadLetters(deps.bus, deadLetters);

  const ingestedAt = now();
  const rows = events.flatMap((event) => toStoredReadings(event, ingestedAt));
  if (rows.length > 0) {
    // A device's last-seen time is the store's newest reading of it (series_latest): nothing else to write.
    await deps.measurements.insert(rows, batchDedupToken(batch));
  }
  return { readings: rows.length, deadLetters, events };
}

/**
 * The schema admits readings the store refuses for ever (before 1970: the ingestor rejects them, a
 * pipeline writing to Kafka directly may not). Retrying such a record would stall its partition, so
 * the whole record is dead-lettered, like any other record that can never be projected.
 */
function storable(decoded: DecodedRecord): DecodedRecord {
  if (!decoded.ok) return decoded;
  const { readings } = (decoded.event as MeasurementsRecorded).data;
  const issues = readings.flatMap((r, i) => (Date.parse(r.ts) < READING_LIMITS.earliest
    ? [{ path: `/readings/${i}/ts`, message: 'must not be before 1970-01-01T00:00:00Z' }] : []));
  if (issues.length === 0) return decoded;
  const failure: ProjectionFailure = { code: 'EVENT_DATA_INVALID', message: 'readings before 1970 cannot be stored', issues: issues.slice(0, 20) };
  return { ok: false, record: decoded.record, failure };
}
