import { accessRecordOf, type AccessLogWriter } from '@medido/catalog';
import { ACCESS_EVENT_TYPES, type ApiReadAnswered } from '@medido/contracts';
import type { EventBus, RecordBatch } from '@medido/event-bus';
import { deadLetterOf, publishDeadLetters, type DeadLetter } from './dead-letter.ts';
import { decodeRecord } from './record-decoder.ts';

const ACCESS_TYPES: ReadonlySet<string> = new Set(ACCESS_EVENT_TYPES);

export interface AccessBatchResult {
  recorded: number;
  deadLetters: DeadLetter[];
  events: ApiReadAnswered[];
}

/**
 * Projects a batch of access events into the access read model with one append (idempotent by event
 * id, so a re-delivered batch changes nothing). Poison records are dead-lettered first; if that fails
 * the batch is retried, so no access record is skipped silently. Throws on a store outage: the bus
 * pauses the partition and retries the same batch.
 */
export async function projectAccessBatch(
  batch: RecordBatch,
  deps: { bus: EventBus; accessLog: AccessLogWriter },
): Promise<AccessBatchResult> {
  const decoded = batch.records.map((record) => decodeRecord(record, ACCESS_TYPES));
  const deadLetters = decoded.flatMap((d) => (d.ok ? [] : [deadLetterOf(d.record, d.failure)]));
  await publishDeadLetters(deps.bus, deadLetters);
  const events = decoded.flatMap((d) => (d.ok ? [d.event as ApiReadAnswered] : []));
  await deps.accessLog.recordAccess(events.map(accessRecordOf));
  return { recorded: events.length, deadLetters, events };
}
