import type { ConsumerEvent } from '@medido/contracts';
import { UNCHANGED, type ConsumerDoc, type Projected } from './documents.ts';
import { alive, emptyLifecycle, put, register } from './lww.ts';
import { instantOf, versionOf, type Version } from './version.ts';

export function emptyConsumer(consumerId: string): ConsumerDoc {
  return {
    consumerId, live: false, name: null, email: null, subject: null, grants: [], expiresAt: null,
    disabled: false, disabledAt: null, disabledReason: null, _meta: emptyLifecycle(),
  };
}

/**
 * Disabling is final (no event enables a consumer again), so the FIRST disable wins: `disabledAt`
 * is when access ended, and a replayed or re-sent disable cannot move it.
 */
function disable(doc: ConsumerDoc, reason: string | undefined, v: Version): boolean {
  const first = doc._meta.fields.disabled;
  if (first !== undefined && first <= v) return false;
  doc.disabled = true;
  doc.disabledAt = instantOf(v);
  doc.disabledReason = reason ?? null;
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
      changes.push(register(doc._meta, v), put(doc, 'name', name, v), put(doc, 'email', email, v),
        put(doc, 'subject', subject, v), put(doc, 'grants', grants, v));
      if (expiresAt !== undefined) changes.push(put(doc, 'expiresAt', new Date(expiresAt).toISOString(), v));
      break;
    }
    case 'ApiConsumerGrantChanged':
      changes.push(put(doc, 'grants', event.data.grants, v));
      break;
    case 'ApiConsumerDisabled':
      changes.push(disable(doc, event.data.reason, v));
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
