import type { CatalogWriter, ProjectableEvent } from '@medido/catalog';
import { CATALOG_EVENT_TYPES, CONSUMER_EVENT_TYPES, SUBSCRIPTION_EVENT_TYPES } from '@medido/contracts';
import type { EventBus, RecordBatch } from '@medido/event-bus';
import { deadLetterOf, publishDeadLetters, type DeadLetter } from './dead-letter.ts';
import { decodeRecord } from './record-decoder.ts';

const CATALOG_TYPES: ReadonlySet<string> = new Set([
  ...CATALOG_EVENT_TYPES,
  ...CONSUMER_EVENT_TYPES,
  ...SUBSCRIPTION_EVENT_TYPES,
]);

export interface CatalogBatchResult {
  applied: number;
  deadLetters: DeadLetter[];
  events: ProjectableEvent[];
}

/**
 * Projects a batch of catalog or consumer events, one at a time in offset order (the store's
 * compare-and-set is per document). Applying is idempotent and order-insensitive (see the catalog
 * projections), so a re-delivered batch after a crash changes nothing.
 */
export async function projectCatalogBatch(
  batch: RecordBatch,
  deps: { bus: EventBus; catalog: CatalogWriter },
): Promise<CatalogBatchResult> {
  const decoded = batch.records.map((record) => decodeRecord(record, CATALOG_TYPES));
  const deadLetters = decoded.flatMap((d) => (d.ok ? [] : [deadLetterOf(d.record, d.failure)]));
  await publishDeadLetters(deps.bus, deadLetters);
  const events = decoded.flatMap((d) => (d.ok ? [d.event as ProjectableEvent] : []));
  for (const event of events) await deps.catalog.apply(event);
  return { applied: events.length, deadLetters, events };
}
