import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { STORABLE_RANGE_TEXT, TOPICS, type RecordedReading } from '@medido/contracts';
import type { EventBus } from '@medido/event-bus';
import { MedidoError } from '@medido/platform';
import type { Credentials } from '../credentials/credentials.ts';
import { INGEST_LIMITS } from '../ingest-limits.ts';
import { IngestMeasurementsBody } from '../ingest.schema.ts';
import { ingestEndpointSchema, requireBatchSize } from '../ingest-endpoint.ts';
import { publishOrUnavailable } from '../publish-or-unavailable.ts';
import { measurementRecords } from './measurement-events.ts';
import { NDJSON_CONTENT_TYPE, NdjsonBody, parseNdjson } from './ndjson-body.ts';
import { checkReading, type Rejection } from './reading-check.ts';
import Type from 'typebox';
import { decodedBody } from '../body/content-coding.ts';
import {
  CLOUDEVENTS_BATCH,
  CLOUDEVENTS_STRUCTURED,
  MeasurementsCloudEvent,
  cloudEventsOf,
} from '../cloudevents/cloudevents-http.ts';
import type { OnIngested } from '../ingest-outcome.ts';
import { readingItemsOf } from '../cloudevents/cloudevent-items.ts';

export interface MeasurementsRouteOptions {
  bus: EventBus;
  credentials: Credentials;
  maxBodyBytes: number;
  now: () => number;
  /** Called once the readings are acknowledged (metrics). */
  onIngested?: OnIngested;
}

const DESCRIPTION = `Accepts a batch of meter readings and answers 202 once the event bus stored them.
Send JSON \`{"readings": [...]}\` or NDJSON (\`${NDJSON_CONTENT_TYPE}\`, one reading object per line).
Each reading is checked on its own: invalid ones are listed in \`rejected\` (index, code, message) and the
valid ones are accepted. A reading needs a finite \`value\` and a \`ts\` with offset inside the storable range
${STORABLE_RANGE_TEXT} and at most 5 minutes ahead of the server clock; \`ts\` is stored in UTC at millisecond precision.
Limits: the body size (MEDIDO_INGEST_MAX_BODY_BYTES, 16 MiB by default) and ${INGEST_LIMITS.maxReadingsPerRequest} readings per request (413).
A reading re-sent with the same device, variable and ts is stored once, so retrying after 503 is safe.

CloudEvents (HTTP protocol binding 1.0.2): \`${CLOUDEVENTS_STRUCTURED}\` (one event), \`${CLOUDEVENTS_BATCH}\` (an array)
or binary mode (\`ce-*\` headers, the data as \`application/json\` body), each a \`MeasurementsRecorded\` event whose
data is \`{"deviceId", "readings": [{variable, ts, value, quality?}]}\`; \`index\` counts readings across the events.

Bodies may be compressed (\`Content-Encoding: gzip\`, \`deflate\` or \`br\`; other codings 415): the limit counts the
decompressed bytes. A JSON object with the same member twice is refused (400 REQUEST_BODY_DUPLICATE_MEMBER; in NDJSON
the line, READING_DUPLICATE_MEMBER), so is the member name \`__proto__\` (REQUEST_BODY_FORBIDDEN_MEMBER, READING_FORBIDDEN_MEMBER).
A reading's |value| is at most 10^15 (READING_VALUE_OUT_OF_RANGE), so no sum or average can overflow.`;

function itemsOf(request: FastifyRequest): unknown[] {
  const { body } = request;
  if (body instanceof NdjsonBody) return body.items;
  const events = cloudEventsOf(request);
  if (events) return readingItemsOf(events);
  const readings = (body as { readings?: unknown } | null)?.readings;
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !Array.isArray(readings)) {
    throw new MedidoError('REQUEST_INVALID', 'the body must be a JSON object {"readings": [...]}');
  }
  const extra = Object.keys(body).filter((k) => k !== 'readings');
  if (extra.length > 0)
    throw new MedidoError(
      'REQUEST_INVALID',
      `unknown member ${JSON.stringify(extra[0])}; the body is {"readings": [...]}`,
    );
  return readings;
}

export async function measurementsRoute(app: FastifyInstance, options: MeasurementsRouteOptions): Promise<void> {
  app.addContentTypeParser(NDJSON_CONTENT_TYPE, async (request: FastifyRequest, payload: IncomingMessage) =>
    parseNdjson(request, decodedBody(request, payload, options.maxBodyBytes), {
      maxBytes: options.maxBodyBytes,
      maxItems: INGEST_LIMITS.maxReadingsPerRequest,
    }),
  );

  app.post(
    '/v1/ingest/measurements',
    {
      onRequest: options.credentials.require('ingest'),
      bodyLimit: options.maxBodyBytes,
      // Items are validated one by one in the handler (a bad reading must not sink the batch);
      // the schema below documents the body.
      validatorCompiler: () => (value: unknown) => ({ value }),
      schema: ingestEndpointSchema('Ingest meter readings', DESCRIPTION, {
        'application/json': { schema: IngestMeasurementsBody },
        [NDJSON_CONTENT_TYPE]: { schema: IngestMeasurementsBody.properties.readings.items },
        [CLOUDEVENTS_STRUCTURED]: { schema: MeasurementsCloudEvent },
        [CLOUDEVENTS_BATCH]: { schema: Type.Array(MeasurementsCloudEvent) },
      }),
    },
    async (request, reply) => {
      const items = itemsOf(request);
      requireBatchSize(items, INGEST_LIMITS.maxReadingsPerRequest, 'readings');
      const now = options.now();
      const byDevice = new Map<string, RecordedReading[]>();
      const rejected: Rejection[] = [];
      items.forEach((item, index) => {
        const checked = checkReading(item, index, now);
        if (!checked.ok) {
          rejected.push(checked.rejection);
          return;
        }
        const list = byDevice.get(checked.deviceId);
        if (list) list.push(checked.reading);
        else byDevice.set(checked.deviceId, [checked.reading]);
      });
      const accepted = items.length - rejected.length;
      if (accepted > 0) {
        const records = measurementRecords(byDevice, {
          perEvent: INGEST_LIMITS.readingsPerEvent,
          now,
          requestId: String(request.id),
        });
        await publishOrUnavailable(options.bus, TOPICS.measurements, records);
      }
      request.log.info({ accepted, rejected: rejected.length }, 'readings ingested');
      options.onIngested?.(accepted, rejected, 'readings');
      return reply.code(202).send({ accepted, rejected });
    },
  );
}
