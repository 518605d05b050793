import { randomUUID } from 'node:crypto';
import {
  CatalogEventData,
  EVENT_SOURCES,
  catalogAggregateId,
  dataSchemaUrn,
  formatSequence,
  validate,
  type CatalogEvent,
  type CatalogEventType,
} from '@medido/contracts';
import { CatalogItemEnvelope } from '../ingest.schema.ts';
import { MalformedLine, type Rejection } from '../measurements/reading-check.ts';

export type CheckedCatalogEvent = { ok: true; event: CatalogEvent } | { ok: false; rejection: Rejection };

const isCatalogType = (type: string): type is CatalogEventType => Object.hasOwn(CatalogEventData, type);

/**
 * Checks one item of `POST /v1/ingest/catalog` and completes its CloudEvents envelope: `id` (the
 * client's, else a new UUID), `time` (the client's in UTC, else now), `sequence` = the item's index as
 * a zero-padded string (so events of one request sharing a time apply in request order), `subject` = the aggregate id.
 * Consumer events are not catalog events: they need an admin credential and the admin endpoints.
 */
export function checkCatalogEvent(item: unknown, index: number, now: number): CheckedCatalogEvent {
  const reject = (code: Rejection['code'], message: string): CheckedCatalogEvent => ({
    ok: false,
    rejection: { index, code, message },
  });
  if (item instanceof MalformedLine) return reject(item.code, item.reason);
  const envelope = validate<{ type: string; data: unknown; id?: string; time?: string }>(CatalogItemEnvelope, item);
  if (!envelope.ok) return reject('EVENT_INVALID', envelope.issues.map((i) => `${i.path} ${i.message}`).join('; '));
  const { type, data, id, time } = envelope.value;
  if (!isCatalogType(type)) {
    return reject(
      'EVENT_TYPE_UNKNOWN',
      `${JSON.stringify(type)} is not a catalog event type (API consumer changes go to /v1/admin/consumers)`,
    );
  }
  const checked = validate<Record<string, unknown>>(CatalogEventData[type], data);
  if (!checked.ok)
    return reject(
      'EVENT_DATA_INVALID',
      `data of ${type}: ${checked.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
    );
  const event = {
    specversion: '1.0',
    id: id ?? randomUUID(),
    source: EVENT_SOURCES.ingestor,
    type,
    time: new Date(time === undefined ? now : Date.parse(time)).toISOString(),
    subject: catalogAggregateId(type, checked.value),
    datacontenttype: 'application/json',
    dataschema: dataSchemaUrn(type),
    sequence: formatSequence(index),
    data: checked.value,
  } as CatalogEvent;
  return { ok: true, event };
}
