import { describe, expect, it } from 'vitest';
import { event } from '../src/testing/catalog-events.fixture.ts';
import { outcomesOfAllOrders } from './projection-orders.ts';
import { UNCHANGED, type InstallationDoc } from '../src/projection/documents.ts';
import { projectInstallation, type InstallationEvent } from '../src/projection/installation-projection.ts';
import { versionOf } from '../src/projection/version.ts';

function fold(events: InstallationEvent[]): InstallationDoc | null {
  return events.reduce<InstallationDoc | null>((doc, e) => {
    const next = projectInstallation(e, doc);
    return next === UNCHANGED ? doc : next;
  }, null);
}

describe('projectInstallation', () => {
  const registered = event(
    'InstallationRegistered',
    { installationId: 'inst-1', organizationId: 'org-1', name: 'Edificio A', timezone: 'America/Santiago' },
    1,
  );
  const addedA = event('UnitAdded', { unitId: 'unit-a', installationId: 'inst-1', name: 'Piso 1' }, 2);
  const addedB = event('UnitAdded', { unitId: 'unit-b', installationId: 'inst-1', name: 'Piso 2' }, 3);
  const renamedA = event('UnitRenamed', { unitId: 'unit-a', installationId: 'inst-1', name: 'Piso 1 Norte' }, 4);
  const removedB = event('UnitRemoved', { unitId: 'unit-b', installationId: 'inst-1' }, 5);
  const updated = event(
    'InstallationUpdated',
    { installationId: 'inst-1', name: 'Edificio A1', address: 'Calle 1' },
    6,
  );
  const renamedB = event('UnitRenamed', { unitId: 'unit-b', installationId: 'inst-1', name: 'Piso 2 B' }, 7);
  const units = [registered, addedA, addedB, renamedA, removedB, updated, renamedB];

  it('reaches the same document, versions included, in all 5040 orders of units added, renamed and removed', () => {
    const expected: InstallationDoc = {
      installationId: 'inst-1',
      live: true,
      organizationId: 'org-1',
      name: 'Edificio A1',
      timezone: 'America/Santiago',
      address: 'Calle 1',
      units: [{ unitId: 'unit-a', name: 'Piso 1 Norte' }],
      _units: [
        {
          unitId: 'unit-a',
          name: 'Piso 1 Norte',
          _meta: { born: versionOf(addedA), fields: { name: versionOf(renamedA) } },
        },
        // Renamed after its removal: remembered (it would show if added again), not live.
        {
          unitId: 'unit-b',
          name: 'Piso 2 B',
          _meta: { died: versionOf(removedB), fields: { name: versionOf(renamedB) } },
        },
      ],
      _meta: {
        born: versionOf(registered),
        fields: {
          organizationId: versionOf(registered),
          name: versionOf(updated),
          timezone: versionOf(registered),
          address: versionOf(updated),
        },
      },
    };
    expect(outcomesOfAllOrders(units, projectInstallation)).toEqual([expected]);
  });

  it('forgets units and fields older than a removal, and a newer registration starts afresh', () => {
    const reg = event(
      'InstallationRegistered',
      { installationId: 'inst-2', organizationId: 'org-1', name: 'Bodega', address: 'Ruta 5' },
      1,
    );
    const addedX = event('UnitAdded', { unitId: 'unit-x', installationId: 'inst-2', name: 'Patio' }, 2);
    const renamedX = event('UnitRenamed', { unitId: 'unit-x', installationId: 'inst-2', name: 'Patio 2' }, 2, 1);
    const removed = event('InstallationRemoved', { installationId: 'inst-2' }, 3);
    const addedY = event('UnitAdded', { unitId: 'unit-y', installationId: 'inst-2', name: 'Oficina' }, 4);
    const again = event(
      'InstallationRegistered',
      { installationId: 'inst-2', organizationId: 'org-2', name: 'Bodega Sur' },
      5,
    );
    const expected: InstallationDoc = {
      installationId: 'inst-2',
      live: true,
      organizationId: 'org-2',
      name: 'Bodega Sur',
      timezone: null,
      address: null,
      units: [{ unitId: 'unit-y', name: 'Oficina' }],
      _units: [
        { unitId: 'unit-y', name: 'Oficina', _meta: { born: versionOf(addedY), fields: { name: versionOf(addedY) } } },
      ],
      _meta: {
        born: versionOf(again),
        died: versionOf(removed),
        fields: { organizationId: versionOf(again), name: versionOf(again) },
      },
    };
    expect(outcomesOfAllOrders([reg, addedX, renamedX, removed, addedY, again], projectInstallation)).toEqual([
      expected,
    ]);
    expect(fold([reg, addedX, removed])).toMatchObject({
      live: false,
      organizationId: null,
      name: null,
      address: null,
      units: [],
      _units: [],
    });
  });

  it('answers UNCHANGED to a repeated or stale event', () => {
    const doc = fold(units);
    for (const e of units) expect(projectInstallation(e, doc)).toBe(UNCHANGED);
    const stale = event('UnitAdded', { unitId: 'unit-b', installationId: 'inst-1', name: 'Piso 2 viejo' }, 4);
    expect(projectInstallation(stale, doc)).toBe(UNCHANGED);
    expect(
      projectInstallation(event('InstallationUpdated', { installationId: 'inst-1', timezone: 'UTC' }, 0), doc),
    ).toBe(UNCHANGED);
    expect(
      projectInstallation(event('InstallationUpdated', { installationId: 'inst-1', timezone: 'UTC' }, 8), doc),
    ).toMatchObject({ timezone: 'UTC', name: 'Edificio A1' });
  });
});
