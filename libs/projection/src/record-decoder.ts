import { decodeEvent, findMemberProblem, type MedidoEvent } from '@medido/contracts';
import type { IncomingRecord } from '@medido/event-bus';
import type { ProjectionFailure } from './dead-letter.ts';

export type DecodedRecord =
  | { ok: true; record: IncomingRecord; event: MedidoEvent }
  | { ok: false; record: IncomingRecord; failure: ProjectionFailure };

/** Header prefix of the Kafka protocol binding's binary mode (§3.2.3: `ce_<attribute>`, UTF-8 values). */
const BINARY_PREFIX = 'ce_';
const isJsonMediaType = (contentType: string) => /^application\/json\s*(;|$)/i.test(contentType.trim());

/**
 * The CloudEvent a record carries, in either mode of the CloudEvents Kafka protocol binding 1.0.2:
 * - structured (§3.3): the value is the whole event as JSON (what the ingestor writes);
 * - binary (§3.2): the attributes are `ce_*` headers, `content-type` is datacontenttype and the value
 *   is the data, which must be JSON here.
 * A record without `ce_specversion` is read as structured whatever its content-type header says,
 * as before the binary mode was accepted.
 * @see https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/kafka-protocol-binding.md
 */
function eventOf(record: IncomingRecord): { ok: true; value: unknown } | { ok: false; failure: ProjectionFailure } {
  const binary = record.headers[`${BINARY_PREFIX}specversion`] !== undefined;
  const contentType = record.headers['content-type']?.toString('utf8');
  if (binary && contentType !== undefined && !isJsonMediaType(contentType)) {
    return {
      ok: false,
      failure: {
        code: 'EVENT_ENVELOPE_INVALID',
        message: `binary-mode data must be application/json, not ${JSON.stringify(contentType)}`,
      },
    };
  }
  const text = record.value?.toString('utf8') ?? '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {
      ok: false,
      failure: {
        code: 'RECORD_NOT_JSON',
        message: binary ? 'the record value (binary-mode data) is not JSON' : 'the record value is not JSON',
      },
    };
  }
  // JSON.parse keeps the last of duplicate names: a record that says two things is refused, not guessed.
  const found = findMemberProblem(text, parsed);
  if (found) {
    const what =
      found.problem === 'duplicate'
        ? `the member ${JSON.stringify(found.name)} appears twice`
        : 'the member name "__proto__" is refused';
    return {
      ok: false,
      failure: {
        code: 'RECORD_MEMBER_REFUSED',
        message: `${what} at ${found.path}`,
        issues: [{ path: found.path, message: found.problem }],
      },
    };
  }
  if (!binary) return { ok: true, value: parsed };
  const event: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(record.headers)) {
    if (name.startsWith(BINARY_PREFIX) && value !== undefined)
      event[name.slice(BINARY_PREFIX.length)] = value.toString('utf8');
  }
  // Medido's envelope spells JSON data `application/json`; a charset parameter changes nothing in JSON (RFC 8259 §11).
  if (contentType !== undefined) event.datacontenttype = 'application/json';
  event.data = parsed;
  return { ok: true, value: event };
}

/**
 * Validates everything read from a topic, whoever produced it: meter pipelines may write to Kafka
 * directly with the CloudEvents envelope, so the projector trusts nothing the ingestor checked.
 */
export function decodeRecord(record: IncomingRecord, acceptedTypes: ReadonlySet<string>): DecodedRecord {
  const read = eventOf(record);
  if (!read.ok) return { ok: false, record, failure: read.failure };
  const decoded = decodeEvent(read.value);
  if (!decoded.ok)
    return {
      ok: false,
      record,
      failure: { code: decoded.code, message: decoded.message, ...(decoded.issues ? { issues: decoded.issues } : {}) },
    };
  if (!acceptedTypes.has(decoded.event.type)) {
    return {
      ok: false,
      record,
      failure: { code: 'EVENT_TYPE_UNEXPECTED', message: `${decoded.event.type} does not belong on ${record.topic}` },
    };
  }
  return { ok: true, record, event: decoded.event };
}
