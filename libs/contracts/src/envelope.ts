import Type from 'typebox';

/**
 * The `sequence` extension: a string, lexicographically orderable, per its specification. Medido
 * writes decimal digits zero-padded to SEQUENCE_DIGITS (`formatSequence`) and reads 1 to 16 digits;
 * an integer is still accepted from producers written before the string form (deprecated), and both
 * forms order numerically.
 * @see https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/extensions/sequence.md
 */
export const SequenceAttribute = Type.Union(
  [
    Type.String({ pattern: '^[0-9]{1,16}$', description: 'Decimal digits, e.g. "0000000003".' }),
    Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'Deprecated integer form.' }),
  ],
  {
    description:
      'CloudEvents sequence extension: the order of events of one source, as a string that sorts lexicographically.',
  },
);
export const SEQUENCE_DIGITS = 10;
export const formatSequence = (position: number): string => String(position).padStart(SEQUENCE_DIGITS, '0');

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
  source: Type.String({
    minLength: 1,
    maxLength: 256,
    description: 'URI reference of the producer, e.g. /ingestor or /pipelines/acme.',
  }),
  type: Type.String({ minLength: 1, maxLength: 128 }),
  time: Type.String({ format: 'date-time' }),
  subject: Type.Optional(Type.String({ maxLength: 256 })),
  datacontenttype: Type.Optional(Type.Literal('application/json')),
  dataschema: Type.Optional(Type.String({ maxLength: 256 })),
  sequence: Type.Optional(SequenceAttribute),
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
