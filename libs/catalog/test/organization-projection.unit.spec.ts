import { describe, expect, it } from 'vitest';
import { event } from '../src/testing/catalog-events.fixture.ts';
import { outcomesOfAllOrders } from './projection-orders.ts';
import { UNCHANGED, type OrganizationDoc } from '../src/projection/documents.ts';
import { projectOrganization, type OrganizationEvent } from '../src/projection/organization-projection.ts';
import { versionOf } from '../src/projection/version.ts';

const fold = (events: OrganizationEvent[]) =>
  events.reduce<OrganizationDoc | null>((doc, e) => {
    const next = projectOrganization(e, doc);
    return next === UNCHANGED ? doc : next;
  }, null);

describe('projectOrganization', () => {
  it('keeps the newest value of each field whatever the order, a late registration included', () => {
    const renamedEarly = event('OrganizationRenamed', { organizationId: 'org-1', name: 'Nombre previo' }, 1);
    const registered = event(
      'OrganizationRegistered',
      { organizationId: 'org-1', name: 'Municipalidad X', visibility: 'public' },
      2,
    );
    const hidden = event('OrganizationVisibilityChanged', { organizationId: 'org-1', visibility: 'private' }, 3);
    const expected: OrganizationDoc = {
      organizationId: 'org-1',
      live: true,
      name: 'Municipalidad X',
      visibility: 'private',
      _meta: { born: versionOf(registered), fields: { name: versionOf(registered), visibility: versionOf(hidden) } },
    };
    expect(outcomesOfAllOrders([renamedEarly, registered, hidden], projectOrganization)).toEqual([expected]);
    expect(fold([renamedEarly])).toMatchObject({ live: false, name: 'Nombre previo' });
    expect(projectOrganization(hidden, expected)).toBe(UNCHANGED);
  });
});
