import { decodeEvent, type MedidoEvent } from '@medido/contracts';
import type { IncomingRecord } from '@medido/event-bus';
import type { ProjectionFailure } from './dead-letter.ts';

export type DecodedRecord = { ok: true; record: IncomingRecord; event: MedidoEvent } | { ok: false; record: IncomingRecord; failure: ProjectionFailure };

/**
 * Validates everything read from a topic, whoever produced it: meter pipelines may write to Kafka
 * directly with the CloudEvents envelope, so the projector trusts nothing the ingestor checked.
 */
export function decodeRecord(record: IncomingRecord, acceptedTypes: ReadonlySet<string>): DecodedRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(record.value?.toString('utf8') ?? '');
  } catch {
    return { ok: false, record, failure: { code: 'RECORD_NOT_JSON', message: 'the record value is not JSON' } };
  }
  const decoded = decodeEvent(parsed);
  if (!decoded.ok) return { ok: false, record, failure: { code: decoded.code, message: decoded.message, ...(decoded.issues ? { issues: decoded.issues } : {}) } };
  if (!acceptedTypes.has(decoded.event.type)) {
    return { ok: false, record, failure: { code: 'EVENT_TYPE_UNEXPECTED', message: `${decoded.event.type} does not belong on ${record.topic}` } };
  }
  return { ok: true, record, event: decoded.event };
}
