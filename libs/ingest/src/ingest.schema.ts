import Type from 'typebox';
import {
  CATALOG_EVENT_TYPES,
  CatalogEventData,
  ConsumerId,
  ITEM_REJECTION_CODES,
  IngestReading,
} from '@medido/contracts';
import { INGEST_LIMITS } from './ingest-limits.ts';

const strict = { additionalProperties: false } as const;

export const IngestMeasurementsBody = Type.Object(
  {
    readings: Type.Array(IngestReading, {
      minItems: 1,
      maxItems: INGEST_LIMITS.maxReadingsPerRequest,
      description: `The readings, at most ${INGEST_LIMITS.maxReadingsPerRequest}.`,
    }),
  },
  {
    ...strict,
    $id: 'IngestMeasurementsBody',
    description: 'A batch of readings. As application/x-ndjson: one reading object per line instead.',
  },
);

export const ItemRejection = Type.Object(
  {
    index: Type.Integer({
      minimum: 0,
      description: 'Position of the item in the request (NDJSON: among the non-empty lines, from 0).',
    }),
    code: Type.Union(
      ITEM_REJECTION_CODES.map((c) => Type.Literal(c)),
      { $id: 'ItemRejectionCode', description: 'Stable code of why the item was refused.' },
    ),
    message: Type.String({ description: 'What is wrong with the item, for people.' }),
  },
  {
    ...strict,
    $id: 'ItemRejection',
    description: 'One item the ingestor refused; the others of the request were accepted.',
  },
);

export const IngestAnswer = Type.Object(
  {
    accepted: Type.Integer({ minimum: 0, description: 'Items the event bus acknowledged.' }),
    rejected: Type.Array(ItemRejection, { description: 'Items refused, in request order; the others were accepted.' }),
  },
  {
    ...strict,
    $id: 'IngestAnswer',
    description: 'What the event bus stored: accepted items, and the refused ones with why.',
  },
);
export type IngestAnswer = Type.Static<typeof IngestAnswer>;

const EventId = Type.String({
  format: 'uuid',
  description:
    'Client-chosen event id: re-sending it makes a retry a duplicate that projections ignore. Default: generated.',
});
const EventTime = Type.String({
  format: 'date-time',
  description: 'When it happened. Default: when the ingestor received it.',
});

/** One catalog event as a pipeline sends it: the ingestor fills in the rest of the CloudEvents envelope. */
export const CatalogEventInput = Type.Union(
  CATALOG_EVENT_TYPES.map((type) =>
    Type.Object(
      {
        type: Type.Literal(type, { description: 'The event type (the CloudEvents `type`).' }),
        data: { ...CatalogEventData[type], $id: `${type}Data`, description: `What the ${type} event carries.` },
        id: Type.Optional(EventId),
        time: Type.Optional(EventTime),
      },
      { ...strict, $id: `${type}Input`, description: `A ${type} catalog event.` },
    ),
  ),
  { $id: 'CatalogEventInput', description: 'One catalog event, by its type.' },
);

/** The item envelope checked before the type's data schema (so each failure gets its own code). */
export const CatalogItemEnvelope = Type.Object(
  {
    type: Type.String({ minLength: 1, maxLength: 128 }),
    data: Type.Unknown(),
    id: Type.Optional(EventId),
    time: Type.Optional(EventTime),
  },
  strict,
);

export const CatalogIngestBody = Type.Object(
  {
    events: Type.Array(CatalogEventInput, {
      minItems: 1,
      maxItems: INGEST_LIMITS.maxCatalogEventsPerRequest,
      description: 'The events, applied in this order.',
    }),
  },
  { ...strict, $id: 'CatalogIngestBody', description: 'A batch of catalog events.' },
);

export const ConsumerCommandAccepted = Type.Object(
  {
    consumerId: ConsumerId,
    eventId: Type.String({
      description: 'Id of the event published; the change is visible once the projector applied it.',
    }),
  },
  { ...strict, $id: 'ConsumerCommandAccepted', description: 'The command was stored as an event.' },
);

export const ConsumerIdParams = Type.Object({ consumerId: ConsumerId }, strict);
