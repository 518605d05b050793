import type { CatalogReader, Device, Installation } from '@medido/catalog';
import { createSnapshots, type SnapshotOptions } from './snapshots.ts';

/** The catalog lookups that resolve a request's scope: its installation (or its unit's) and its meters. */
export type ScopeCatalog = Pick<CatalogReader, 'getInstallation' | 'findInstallationByUnit' | 'getDevice'>;

const DEFAULT_MAX_ENTRIES = 10_000;

/**
 * Scope lookups through short-lived snapshots (snapshots.ts). Every measurements, consumption and latest
 * request reads its installation and each listed meter before the store answers; on FerretDB each read is
 * 5–50 ms, as much as a small answer itself. What authorization decides from them (the organization an
 * installation or meter belongs to) changes as rarely as the organization's visibility, which the
 * organization directory already keeps for as long; a meter's variables and interval are seen within
 * the same few seconds. Values are frozen: concurrent answers share them.
 */
export function createScopeCatalog(
  catalog: ScopeCatalog,
  options: Omit<SnapshotOptions, 'maxEntries'> & { maxEntries?: number },
): ScopeCatalog {
  if (options.ttlMs <= 0) return catalog;
  const snapshots = { maxEntries: DEFAULT_MAX_ENTRIES, ...options };
  const installations = createSnapshots<Installation>(snapshots);
  const devices = createSnapshots<Device>(snapshots);
  const frozen = <T extends object>(value: T | null) => (value === null ? null : Object.freeze(value));
  return {
    getInstallation: (id) =>
      installations.get(`installation ${id}`, async () => frozen(await catalog.getInstallation(id))),
    findInstallationByUnit: (unitId) =>
      installations.get(`unit ${unitId}`, async () => frozen(await catalog.findInstallationByUnit(unitId))),
    getDevice: (id) => devices.get(id, async () => frozen(await catalog.getDevice(id))),
  };
}
