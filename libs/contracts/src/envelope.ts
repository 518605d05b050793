import Type from 'typebox';

/**
 * CloudEvents 1.0 envelope, JSON structured mode.
 * @see https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/spec.md
 *
 * Versioning: `type` names the event (past tense) and `dataschema` names its data schema version,
 * `urn:medido:<Type>:v<N>`. Additive, optional fields keep the version; a breaking change to `data`
 * adds a v(N+1) schema that the projector up-casts to the newest one, and keeps reading old records.
 *
 * Ordering of concurrent facts: `time` (ms precision) plus the extension `sequence` (position of the
 * event inside the request that carried it) form the version that projections compare, so events of
 * one batch that share a time still apply in the order they were sent.
 */
export const CloudEventEnvelope = Type.Object({
  specversion: Type.Literal('1.0'),
  id: Type.String({ minLength: 1, maxLength: 128, description: 'Unique per event; the idempotency key downstream.' }),
  source: Type.String({ minLength: 1, maxLength: 256, description: 'URI reference of the producer, e.g. /ingestor or /pipelines/acme.' }),
  type: Type.String({ minLength: 1, maxLength: 128 }),
  time: Type.String({ format: 'date-time' }),
  subject: Type.Optional(Type.String({ maxLength: 256 })),
  datacontenttype: Type.Optional(Type.Literal('application/json')),
  dataschema: Type.Optional(Type.String({ maxLength: 256 })),
  sequence: Type.Optional(Type.Integer({ minimum: 0 })),
  data: Type.Unknown(),
});
export type CloudEventEnvelope = Type.Static<typeof CloudEventEnvelope>;

export function dataSchemaUrn(type: string, version = 1): string {
  return `urn:medido:${type}:v${version}`;
}

export const EVENT_SOURCES = {
  ingestor: '/medido/ingestor',
  admin: '/medido/admin',
  api: '/medido/api',
} as const;
