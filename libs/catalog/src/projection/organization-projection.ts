import type { CatalogEvent } from '@medido/contracts';
import { UNCHANGED, type OrganizationDoc, type Projected } from './documents.ts';
import { alive, emptyLifecycle, put, register } from './lww.ts';
import { versionOf } from './version.ts';

export type OrganizationEvent = Extract<CatalogEvent, { type: `Organization${string}` }>;

export function emptyOrganization(organizationId: string): OrganizationDoc {
  return { organizationId, live: false, name: null, visibility: null, _meta: emptyLifecycle() };
}

/** Pure: the organization document after `event`, or UNCHANGED. Organizations are never removed. */
export function projectOrganization(
  event: OrganizationEvent,
  current: OrganizationDoc | null,
): Projected<OrganizationDoc> {
  const doc = current ? structuredClone(current) : emptyOrganization(event.data.organizationId);
  const v = versionOf(event);
  const changes: boolean[] = [];
  switch (event.type) {
    case 'OrganizationRegistered':
      changes.push(
        register(doc._meta, v),
        put(doc, 'name', event.data.name, v),
        put(doc, 'visibility', event.data.visibility, v),
      );
      break;
    case 'OrganizationRenamed':
      changes.push(put(doc, 'name', event.data.name, v));
      break;
    case 'OrganizationVisibilityChanged':
      changes.push(put(doc, 'visibility', event.data.visibility, v));
      break;
    default: {
      const _exhaustive: never = event;
      throw new TypeError(`not an organization event: ${JSON.stringify(_exhaustive)}`);
    }
  }
  if (!changes.some(Boolean)) return UNCHANGED;
  doc.live = alive(doc._meta);
  return doc;
}
