import { MedidoError, problemResponses } from '@medido/platform';
import { BODY_DECODING_CODES } from './body/json-body.ts';
import { IngestAnswer } from './ingest.schema.ts';

/** What both ingest endpoints can answer besides 202: the body, the credential, the batch's size, the bus. */
const INGEST_PROBLEMS = problemResponses([
  'REQUEST_INVALID',
  'REQUEST_BODY_MALFORMED',
  'INGEST_BATCH_EMPTY',
  'AUTH_TOKEN_MISSING',
  'AUTH_CREDENTIAL_INVALID',
  'AUTH_FORBIDDEN',
  'REQUEST_BODY_TOO_LARGE',
  'INGEST_BATCH_TOO_LARGE',
  'MEDIA_TYPE_UNSUPPORTED',
  'EVENT_BUS_UNAVAILABLE',
  ...BODY_DECODING_CODES,
]);

/**
 * The route schema of an ingest endpoint (`POST /v1/ingest/*`): the ingest credential, the body's media
 * types, 202 with the IngestAnswer (accepted count, rejected items) and the problems above. The schema
 * documents the body; the endpoints check items one by one in their handlers (a bad item must not sink
 * the batch).
 */
export function ingestEndpointSchema(summary: string, description: string, content: Record<string, unknown>) {
  return {
    tags: ['ingest'],
    summary,
    description,
    security: [{ ingestCredential: [] }],
    body: { content },
    response: { 202: IngestAnswer, ...INGEST_PROBLEMS },
  };
}

/** Refuses a batch with no item (400) or more than `max` (413) before any item is checked. */
export function requireBatchSize(items: unknown[], max: number, noun: 'events' | 'readings'): void {
  if (items.length === 0) throw new MedidoError('INGEST_BATCH_EMPTY', `send at least one ${noun.slice(0, -1)}`);
  if (items.length > max) throw new MedidoError('INGEST_BATCH_TOO_LARGE', `at most ${max} ${noun} per request`);
}
