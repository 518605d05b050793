import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import { MeasurementsRecordedData, SequenceAttribute, validate, type ValidationIssue } from '@medido/contracts';
import { MedidoError } from '@medido/platform';

/**
 * The CloudEvents HTTP protocol binding, v1.0.2, on the ingest endpoints:
 * - structured mode: `Content-Type: application/cloudevents+json`, the body is one event (§3.2);
 * - batched mode: `application/cloudevents-batch+json`, the body is an array of events (§3.3);
 * - binary mode: the attributes are `ce-*` headers, the body is `data` (§3.1), as JSON.
 * @see https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/http-protocol-binding.md
 */
export const CLOUDEVENTS_STRUCTURED = 'application/cloudevents+json';
export const CLOUDEVENTS_BATCH = 'application/cloudevents-batch+json';

/** An event as a producer sends it: the required context attributes, JSON data, any extensions. */
export const IncomingCloudEvent = Type.Object(
  {
    specversion: Type.Literal('1.0', { description: 'CloudEvents version: 1.0.' }),
    id: Type.String({
      minLength: 1,
      maxLength: 128,
      description: 'Event id, unique per source: re-sending it makes a retry a duplicate that projections ignore.',
    }),
    source: Type.String({
      minLength: 1,
      maxLength: 256,
      description: 'URI-reference of the producer, e.g. /pipelines/site-7.',
    }),
    type: Type.String({
      minLength: 1,
      maxLength: 128,
      description: 'Event type: MeasurementsRecorded, or a catalog event type such as DeviceRegistered.',
    }),
    time: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'When it happened (RFC 3339). Default: when the ingestor received it.',
      }),
    ),
    subject: Type.Optional(
      Type.String({
        maxLength: 256,
        description: 'What the event is about; the ingestor keys it by its aggregate id regardless.',
      }),
    ),
    datacontenttype: Type.Optional(
      Type.String({ pattern: '^application/json(;.*)?$', description: 'JSON data only (no data_base64).' }),
    ),
    dataschema: Type.Optional(Type.String({ maxLength: 256, description: 'URI of the schema of data.' })),
    sequence: Type.Optional(SequenceAttribute),
    data: Type.Unknown({ description: 'The event data: the schema of its type (see the application/json body).' }),
  },
  { $id: 'CloudEvent', description: 'A CloudEvent with JSON data; extension attributes are allowed and ignored.' },
);
/** A MeasurementsRecorded CloudEvent as `POST /v1/ingest/measurements` takes it (documentation). */
export const MeasurementsCloudEvent = Type.Object(
  {
    ...IncomingCloudEvent.properties,
    type: Type.Literal('MeasurementsRecorded', { description: 'Event type: MeasurementsRecorded.' }),
    data: MeasurementsRecordedData,
  },
  { $id: 'MeasurementsCloudEvent', description: 'A MeasurementsRecorded CloudEvent: the readings of one device.' },
);

export interface IncomingCloudEvent {
  id: string;
  source: string;
  type: string;
  time?: string;
  data?: unknown;
  [attribute: string]: unknown;
}

const mediaTypeOf = (request: FastifyRequest) =>
  String(request.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();

/**
 * Binary mode: every `ce-<attribute>` header, percent-decoded (§3.1.3.2), plus the body as data and
 * Content-Type as datacontenttype.
 */
function binaryEvent(request: FastifyRequest): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!name.startsWith('ce-') || value === undefined) continue;
    const text = [value].flat().join(',');
    try {
      event[name.slice(3)] = decodeURIComponent(text);
    } catch {
      throw new MedidoError('REQUEST_INVALID', `header ${name} is not percent-encoded UTF-8`);
    }
  }
  if (request.headers['content-type'] !== undefined) event.datacontenttype = request.headers['content-type'];
  event.data = request.body;
  return event;
}

/**
 * The CloudEvents of a request in one of the binding's modes, in request order; undefined when the
 * request uses Medido's own shapes (`{"readings": [...]}`, `{"events": [...]}`, NDJSON).
 */
export function cloudEventsOf(request: FastifyRequest): unknown[] | undefined {
  const mediaType = mediaTypeOf(request);
  if (mediaType === CLOUDEVENTS_STRUCTURED) return [request.body];
  if (mediaType === CLOUDEVENTS_BATCH) {
    if (!Array.isArray(request.body))
      throw new MedidoError('REQUEST_INVALID', `a ${CLOUDEVENTS_BATCH} body is a JSON array of events`);
    return request.body as unknown[];
  }
  if (request.headers['ce-specversion'] !== undefined) {
    if (mediaType !== 'application/json')
      throw new MedidoError('MEDIA_TYPE_UNSUPPORTED', 'binary-mode CloudEvents carry application/json data');
    return [binaryEvent(request)];
  }
  return undefined;
}

/** Checks the context attributes of one event; the issues are addressed inside the request (`/2/type`). */
export function checkCloudEvent(
  value: unknown,
  index: number,
): { ok: true; event: IncomingCloudEvent } | { ok: false; issues: ValidationIssue[] } {
  const checked = validate<IncomingCloudEvent>(IncomingCloudEvent, value);
  if (checked.ok) return { ok: true, event: checked.value };
  return {
    ok: false,
    issues: checked.issues.map((i) => ({ path: `/${index}${i.path === '/' ? '' : i.path}`, message: i.message })),
  };
}
