import { Compile, type Validator } from 'typebox/compile';
import type { TSchema } from 'typebox';
import { CloudEventEnvelope } from './envelope.ts';
import { EventData, isEventType, type MedidoEvent } from './events.ts';
import { isPlainRecordedData } from './reading-fast-path.ts';

/** One validation failure, addressed by JSON pointer, in words a client can act on. */
export interface ValidationIssue {
  path: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

const cache = new WeakMap<TSchema, Validator>();

function compiled(schema: TSchema): Validator {
  let v = cache.get(schema);
  if (!v) {
    v = Compile(schema) as unknown as Validator;
    cache.set(schema, v);
  }
  return v;
}

/** Validates a value against a TypeBox schema (compiled once, cached). Formats (date-time, email) are checked. */
export function validate<T>(schema: TSchema, value: unknown): Validated<T> {
  const v = compiled(schema);
  if (v.Check(value)) return { ok: true, value: value as T };
  const issues = [...v.Errors(value)].slice(0, 20).map((e) => ({ path: e.instancePath || '/', message: e.message }));
  return { ok: false, issues };
}

export type EventDecodeFailure = {
  code: 'EVENT_ENVELOPE_INVALID' | 'EVENT_TYPE_UNKNOWN' | 'EVENT_DATA_INVALID';
  message: string;
  issues?: ValidationIssue[];
};

/** Validates a parsed CloudEvent: envelope, known type, data schema. Used on HTTP input and on Kafka input alike. */
export function decodeEvent(value: unknown): { ok: true; event: MedidoEvent } | ({ ok: false } & EventDecodeFailure) {
  const envelope = validate<{ type: string; data: unknown }>(CloudEventEnvelope, value);
  if (!envelope.ok)
    return {
      ok: false,
      code: 'EVENT_ENVELOPE_INVALID',
      message: 'not a CloudEvents 1.0 JSON envelope',
      issues: envelope.issues,
    };
  const { type, data } = envelope.value;
  if (!isEventType(type))
    return { ok: false, code: 'EVENT_TYPE_UNKNOWN', message: `unknown event type ${JSON.stringify(type)}` };
  // The readings of nearly every record are in the plain shape: certainly valid without the schema's cost.
  if (type === 'MeasurementsRecorded' && isPlainRecordedData(data)) return { ok: true, event: value as MedidoEvent };
  const checked = validate(EventData[type], data);
  if (!checked.ok)
    return { ok: false, code: 'EVENT_DATA_INVALID', message: `data does not match ${type}`, issues: checked.issues };
  return { ok: true, event: value as MedidoEvent };
}
