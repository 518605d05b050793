import type { FastifyInstance, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { TOPICS } from '@medido/contracts';
import type { EventBus } from '@medido/event-bus';
import { MedidoError } from '@medido/platform';
import type { Credentials } from '../credentials/credentials.ts';
import { INGEST_LIMITS } from '../ingest-limits.ts';
import { CatalogIngestBody } from '../ingest.schema.ts';
import { ingestEndpointSchema, requireBatchSize } from '../ingest-endpoint.ts';
import { eventHeaders } from '../measurements/measurement-events.ts';
import type { Rejection } from '../measurements/reading-check.ts';
import { publishOrUnavailable } from '../publish-or-unavailable.ts';
import { catalogItemsOf } from '../cloudevents/cloudevent-items.ts';
import {
  CLOUDEVENTS_BATCH,
  CLOUDEVENTS_STRUCTURED,
  IncomingCloudEvent,
  cloudEventsOf,
} from '../cloudevents/cloudevents-http.ts';
import type { OnIngested } from '../ingest-outcome.ts';
import { checkCatalogEvent } from './catalog-event-check.ts';

export interface CatalogRouteOptions {
  bus: EventBus;
  credentials: Credentials;
  maxBodyBytes: number;
  now: () => number;
  /** Called once the events are acknowledged (metrics). */
  onIngested?: OnIngested;
}

const DESCRIPTION = `Accepts catalog events (organizations, installations and their units, devices) and answers 202
once the event bus stored them. Each event is checked on its own; invalid ones are listed in \`rejected\`.
The ingestor completes the CloudEvents envelope: \`id\` (send your own UUID to make retries idempotent),
\`time\` (default: now), \`sequence\` (the event's index in the request), \`source\` and \`subject\`.
At most ${INGEST_LIMITS.maxCatalogEventsPerRequest} events per request.

CloudEvents (HTTP protocol binding 1.0.2): \`${CLOUDEVENTS_STRUCTURED}\` (one event), \`${CLOUDEVENTS_BATCH}\` (an array)
or binary mode (\`ce-*\` headers, the data as \`application/json\` body). The event's \`type\`, \`data\`, \`id\` (a UUID)
and \`time\` are kept; an event with invalid context attributes is rejected on its own (EVENT_INVALID).
Bodies may be compressed (gzip, deflate, br; the limit counts decompressed bytes); duplicate members and \`__proto__\` are refused.`;

function itemsOf(request: FastifyRequest): unknown[] {
  const events = cloudEventsOf(request);
  if (events) return catalogItemsOf(events);
  const body = request.body as { events?: unknown } | null;
  if (
    typeof body !== 'object' ||
    body === null ||
    Array.isArray(body) ||
    !Array.isArray(body.events) ||
    Object.keys(body).length !== 1
  ) {
    throw new MedidoError('REQUEST_INVALID', 'the body must be a JSON object {"events": [...]}');
  }
  return body.events as unknown[];
}

export async function catalogRoute(app: FastifyInstance, options: CatalogRouteOptions): Promise<void> {
  app.post(
    '/v1/ingest/catalog',
    {
      onRequest: options.credentials.require('ingest'),
      bodyLimit: options.maxBodyBytes,
      validatorCompiler: () => (value: unknown) => ({ value }),
      schema: ingestEndpointSchema('Ingest catalog events', DESCRIPTION, {
        'application/json': { schema: CatalogIngestBody },
        [CLOUDEVENTS_STRUCTURED]: { schema: IncomingCloudEvent },
        [CLOUDEVENTS_BATCH]: { schema: Type.Array(IncomingCloudEvent) },
      }),
    },
    async (request, reply) => {
      const items = itemsOf(request);
      requireBatchSize(items, INGEST_LIMITS.maxCatalogEventsPerRequest, 'events');
      const now = options.now();
      const rejected: Rejection[] = [];
      const records = items.flatMap((item, index) => {
        const checked = checkCatalogEvent(item, index, now);
        if (!checked.ok) {
          rejected.push(checked.rejection);
          return [];
        }
        const { event } = checked;
        return [
          { key: event.subject!, value: JSON.stringify(event), headers: eventHeaders(event.type, String(request.id)) },
        ];
      });
      if (records.length > 0) await publishOrUnavailable(options.bus, TOPICS.catalog, records);
      request.log.info({ accepted: records.length, rejected: rejected.length }, 'catalog events ingested');
      options.onIngested?.(records.length, rejected, 'catalog events');
      return reply.code(202).send({ accepted: records.length, rejected });
    },
  );
}
