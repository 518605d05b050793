import type { IncomingRecord, RecordBatch } from '@medido/event-bus';
import {
  isReadingsRefused,
  type MeasurementsStore,
  type ReadingsRefusedError,
  type StoredReading,
} from '@medido/measurements';

/** The rows of one record, written or refused together (a record is one event: it is dead-lettered whole). */
export interface RecordRows {
  record: IncomingRecord;
  rows: StoredReading[];
}
export interface RefusedRecord {
  record: IncomingRecord;
  error: ReadingsRefusedError;
}

type Coordinates = Pick<RecordBatch, 'topic' | 'partition' | 'firstOffset' | 'lastOffset'>;

/** The dedup token of an offset range: the same range of the same partition always gets the same token. */
export function batchDedupToken(range: Coordinates): string {
  return `${range.topic}/${range.partition}/${range.firstOffset}-${range.lastOffset}`;
}

/**
 * Writes a batch's records; when the store refuses them as data it can never hold, bisects to find the
 * records it refuses, writes every other record and returns the refused ones (to be dead-lettered).
 * Any other store error is thrown at once: the bus then retries the whole batch (an outage).
 *
 * Exactly-once: the first write carries the batch's token, as before. A half carries the token of its
 * own offset range, so a retried bisection sends the same tokens, and a half that was written before a
 * crash is dropped by the engine. A range always holds the same rows (records are immutable; the ones
 * skipped in it were dead-lettered by the decoder, deterministically), so a token can never stand for
 * other content; where batch boundaries differ on redelivery, the store's (device, variable, ts)
 * deduplication keeps every reading once.
 *
 * Cost: a refused record costs about 2·log2(records) extra writes of its batch, only when the engine
 * refuses data the projector's own range check let through.
 */
export async function writeIsolating(
  store: MeasurementsStore,
  batch: Coordinates,
  records: RecordRows[],
): Promise<RefusedRecord[]> {
  return write(store, batch, records, batchDedupToken(batch));
}

async function write(
  store: MeasurementsStore,
  batch: Coordinates,
  records: RecordRows[],
  token: string,
): Promise<RefusedRecord[]> {
  const rows = records.flatMap((r) => r.rows);
  if (rows.length === 0) return [];
  try {
    await store.insert(rows, token);
    return [];
  } catch (error) {
    if (!isReadingsRefused(error)) throw error;
    if (records.length === 1) return [{ record: records[0]!.record, error }];
    const half = Math.ceil(records.length / 2);
    const parts = [records.slice(0, half), records.slice(half)];
    const refused: RefusedRecord[] = [];
    for (const part of parts) {
      const range = { ...batch, firstOffset: part[0]!.record.offset, lastOffset: part.at(-1)!.record.offset };
      refused.push(...(await write(store, batch, part, batchDedupToken(range))));
    }
    return refused;
  }
}
