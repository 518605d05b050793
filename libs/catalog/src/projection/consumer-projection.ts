import type { ConsumerEvent } from '@medido/contracts';
import { UNCHANGED, type ConsumerDoc, type Projected } from './documents.ts';
import { alive, emptyLifecycle, put, register } from './lww.ts';
import { instantOf, versionOf, type Version } from './version.ts';

export function emptyConsumer(consumerId: string): ConsumerDoc {
  return {
    consumerId,
    live: false,
    name: null,
    email: null,
    subject: null,
    grants: [],
    expiresAt: null,
    disabled: false,
    disabledAt: null,
    disabledReason: null,
    _meta: emptyLifecycle(),
  };
}

/**
 * The status is one last-writer-wins field: the newest of the consumer's disable and enable events
 * decides it, and `disabledAt`/`disabledReason` belong to the disable in force (a re-delivered event
 * has the same version and changes nothing). An enable forgets them.
 */
function setStatus(doc: ConsumerDoc, disabled: { reason: string | undefined } | null, v: Version): boolean {
  const current = doc._meta.fields.disabled;
  if (current !== undefined && current >= v) return false;
  doc.disabled = disabled !== null;
  doc.disabledAt = disabled ? instantOf(v) : null;
  doc.disabledReason = disabled?.reason ?? null;
  doc._meta.fields.disabled = v;
  return true;
}

/** Pure: the API consumer document after `event`, or UNCHANGED. Revoking refresh tokens is the store's job. */
export function projectConsumer(event: ConsumerEvent, current: ConsumerDoc | null): Projected<ConsumerDoc> {
  const doc = current ? structuredClone(current) : emptyConsumer(event.data.consumerId);
  const v = versionOf(event);
  const changes: boolean[] = [];
  switch (event.type) {
    case 'ApiConsumerCreated': {
      const { name, email, subject, grants, expiresAt } = event.data;
      changes.push(
        register(doc._meta, v),
        put(doc, 'name', name, v),
        put(doc, 'email', email, v),
        put(doc, 'subject', subject, v),
        put(doc, 'grants', grants, v),
      );
      if (expiresAt !== undefined) changes.push(put(doc, 'expiresAt', new Date(expiresAt).toISOString(), v));
      break;
    }
    case 'ApiConsumerGrantChanged':
      changes.push(put(doc, 'grants', event.data.grants, v));
      break;
    case 'ApiConsumerDisabled':
      changes.push(setStatus(doc, { reason: event.data.reason }, v));
      break;
    case 'ApiConsumerEnabled':
      changes.push(setStatus(doc, null, v));
      break;
    default: {
      const _exhaustive: never = event;
      throw new TypeError(`not a consumer event: ${JSON.stringify(_exhaustive)}`);
    }
  }
  if (!changes.some(Boolean)) return UNCHANGED;
  doc.live = alive(doc._meta);
  return doc;
}
