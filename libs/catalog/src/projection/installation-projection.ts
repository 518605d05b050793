import type { CatalogEvent } from '@medido/contracts';
import { UNCHANGED, type InstallationDoc, type Projected, type UnitEntry } from './documents.ts';
import { alive, bury, emptyLifecycle, forgetOlderThan, put, register } from './lww.ts';
import { maxVersion, newer, versionOf, type Version } from './version.ts';

/** Installation events and unit events: units are embedded in their installation's document. */
export type InstallationEvent = Extract<CatalogEvent, { type: `Installation${string}` | `Unit${string}` }>;

const CLEARED: Omit<InstallationDoc, 'installationId' | 'live' | 'units' | '_units' | '_meta'> = {
  organizationId: null,
  name: null,
  timezone: null,
  address: null,
};

export function emptyInstallation(installationId: string): InstallationDoc {
  return { installationId, live: false, ...CLEARED, units: [], _units: [], _meta: emptyLifecycle() };
}

function unitEntry(doc: InstallationDoc, unitId: string): UnitEntry {
  let entry = doc._units.find((u) => u.unitId === unitId);
  if (!entry) {
    entry = { unitId, name: null, _meta: emptyLifecycle() };
    doc._units.push(entry);
  }
  return entry;
}

/** A unit's writes are ignored under its own removal and under its installation's. */
const unitFloor = (doc: InstallationDoc, unit: UnitEntry): Version | undefined =>
  maxVersion(unit._meta.died, doc._meta.died);

/** Removing the installation removes its units: their older state is forgotten like the installation's. */
function buryInstallation(doc: InstallationDoc, v: Version): boolean {
  if (!bury(doc, CLEARED, v)) return false;
  for (const unit of doc._units) {
    forgetOlderThan(unit, { name: null }, v);
    if (unit._meta.died !== undefined && unit._meta.died < v) delete unit._meta.died;
  }
  return true;
}

function applyUnitEvent(
  doc: InstallationDoc,
  event: Extract<InstallationEvent, { type: `Unit${string}` }>,
  v: Version,
): boolean[] {
  if (!newer(v, doc._meta.died)) return [false];
  const unit = unitEntry(doc, event.data.unitId);
  switch (event.type) {
    case 'UnitAdded': {
      const floor = unitFloor(doc, unit);
      return [register(unit._meta, v, floor), put(unit, 'name', event.data.name, v, floor)];
    }
    case 'UnitRenamed':
      return [put(unit, 'name', event.data.name, v, unitFloor(doc, unit))];
    case 'UnitRemoved':
      return [bury(unit, { name: null }, v)];
    default: {
      const _exhaustive: never = event;
      throw new TypeError(`not a unit event: ${JSON.stringify(_exhaustive)}`);
    }
  }
}

function isEmpty(unit: UnitEntry): boolean {
  const m = unit._meta;
  return m.born === undefined && m.died === undefined && Object.keys(m.fields).length === 0;
}

/** Canonical form: entries without any remembered version are dropped, entries and units sorted by id. */
function settle(doc: InstallationDoc): InstallationDoc {
  doc._units = doc._units
    .filter((u) => !isEmpty(u))
    .sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
  doc.units = doc._units
    .filter((u) => alive(u._meta, doc._meta.died) && u.name !== null)
    .map((u) => ({ unitId: u.unitId, name: u.name as string }));
  doc.live = alive(doc._meta);
  return doc;
}

/** Pure: the installation document after `event` (an installation or unit event), or UNCHANGED. */
export function projectInstallation(
  event: InstallationEvent,
  current: InstallationDoc | null,
): Projected<InstallationDoc> {
  const doc = current ? structuredClone(current) : emptyInstallation(event.data.installationId);
  const v = versionOf(event);
  const changes: boolean[] = [];
  switch (event.type) {
    case 'InstallationRegistered': {
      const { organizationId, name, timezone, address } = event.data;
      changes.push(register(doc._meta, v), put(doc, 'organizationId', organizationId, v), put(doc, 'name', name, v));
      if (timezone !== undefined) changes.push(put(doc, 'timezone', timezone, v));
      if (address !== undefined) changes.push(put(doc, 'address', address, v));
      break;
    }
    case 'InstallationUpdated': {
      const { name, timezone, address } = event.data;
      if (name !== undefined) changes.push(put(doc, 'name', name, v));
      if (timezone !== undefined) changes.push(put(doc, 'timezone', timezone, v));
      if (address !== undefined) changes.push(put(doc, 'address', address, v));
      break;
    }
    case 'InstallationRemoved':
      changes.push(buryInstallation(doc, v));
      break;
    case 'UnitAdded':
    case 'UnitRenamed':
    case 'UnitRemoved':
      changes.push(...applyUnitEvent(doc, event, v));
      break;
    default: {
      const _exhaustive: never = event;
      throw new TypeError(`not an installation event: ${JSON.stringify(_exhaustive)}`);
    }
  }
  return changes.some(Boolean) ? settle(doc) : UNCHANGED;
}
