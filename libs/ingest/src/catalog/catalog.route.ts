import type { FastifyInstance } from 'fastify';
import { TOPICS } from '@medido/contracts';
import type { EventBus } from '@medido/event-bus';
import { MedidoError } from '@medido/platform';
import type { Credentials } from '../credentials/credentials.ts';
import { INGEST_LIMITS } from '../ingest-limits.ts';
import { CatalogIngestBody, IngestAnswer } from '../ingest.schema.ts';
import { eventHeaders } from '../measurements/measurement-events.ts';
import type { Rejection } from '../measurements/reading-check.ts';
import { problemResponses } from '../problem-responses.ts';
import { publishOrUnavailable } from '../publish-or-unavailable.ts';
import { checkCatalogEvent } from './catalog-event-check.ts';

export interface CatalogRouteOptions { bus: EventBus; credentials: Credentials; maxBodyBytes: number; now: () => number }

const DESCRIPTION = `Accepts catalog events (organizations, installations and their units, devices) and answers 202
once the event bus stored them. Each event is checked on its own; invalid ones are listed in \`rejected\`.
The ingestor completes the CloudEvents envelope: \`id\` (send your own UUID to make retries idempotent),
\`time\` (default: now), \`sequence\` (the event's index in the request), \`source\` and \`subject\`.
At most ${INGEST_LIMITS.maxCatalogEventsPerRequest} events per request.`;

export async function catalogRoute(app: FastifyInstance, options: CatalogRouteOptions): Promise<void> {
  app.post('/v1/ingest/catalog', {
    onRequest: options.credentials.require('ingest'),
    bodyLimit: options.maxBodyBytes,
    validatorCompiler: () => (value: unknown) => ({ value }),
    schema: {
      tags: ['ingest'], summary: 'Ingest catalog events', description: DESCRIPTION, security: [{ ingestCredential: [] }],
      body: CatalogIngestBody,
      response: {
        202: IngestAnswer,
        ...problemResponses('REQUEST_INVALID', 'REQUEST_BODY_MALFORMED', 'INGEST_BATCH_EMPTY', 'AUTH_TOKEN_MISSING', 'AUTH_CREDENTIAL_INVALID',
          'AUTH_FORBIDDEN', 'REQUEST_BODY_TOO_LARGE', 'INGEST_BATCH_TOO_LARGE', 'MEDIA_TYPE_UNSUPPORTED', 'EVENT_BUS_UNAVAILABLE'),
      },
    },
  }, async (request, reply) => {
    const body = request.body as { events?: unknown } | null;
    if (typeof body !== 'object' || body === null || Array.isArray(body) || !Array.isArray(body.events) || Object.keys(body).length !== 1) {
      throw new MedidoError('REQUEST_INVALID', 'the body must be a JSON object {"events": [...]}');
    }
    const items = body.events as unknown[];
    if (items.length === 0) throw new MedidoError('INGEST_BATCH_EMPTY', 'send at least one event');
    if (items.length > INGEST_LIMITS.maxCatalogEventsPerRequest) {
      throw new MedidoError('INGEST_BATCH_TOO_LARGE', `at most ${INGEST_LIMITS.maxCatalogEventsPerRequest} events per request`);
    }
    const now = options.now();
    const rejected: Rejection[] = [];
    const records = items.flatMap((item, index) => {
      const checked = checkCatalogEvent(item, index, now);
      if (!checked.ok) { rejected.push(checked.rejection); return []; }
      const { event } = checked;
      return [{ key: event.subject!, value: JSON.stringify(event), headers: eventHeaders(event.type, String(request.id)) }];
    });
    if (records.length > 0) await publishOrUnavailable(options.bus, TOPICS.catalog, records);
    request.log.info({ accepted: records.length, rejected: rejected.length }, 'catalog events ingested');
    return reply.code(202).send({ accepted: records.length, rejected });
  });
}
