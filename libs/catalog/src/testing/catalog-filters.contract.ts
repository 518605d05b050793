import { describe, expect, it } from 'vitest';
import type { CatalogStore, Device, DeviceFilter, PageRequest } from '../catalog-store.port.ts';
import { HISTORY } from './catalog-history.fixture.ts';

const ALL_ORGANIZATIONS = ['org-1', 'org-2', 'org-3'];

async function deviceIds(
  store: CatalogStore,
  filter: DeviceFilter,
  page: PageRequest = { limit: 100 },
): Promise<string[]> {
  return (await store.listDevices({ organizationIds: ALL_ORGANIZATIONS, ...filter }, page)).items.map(
    (d: Device) => d.deviceId,
  );
}

/** The catalog list filters, on the documents HISTORY leaves (catalog-history.fixture.ts). */
export function describeCatalogFiltersContract(fresh: () => Promise<CatalogStore>): void {
  describe('catalog list filters', () => {
    async function withHistory(): Promise<CatalogStore> {
      const store = await fresh();
      for (const e of HISTORY) await store.apply(e);
      return store;
    }

    it('filters devices by status, a never-stated status counting as active', async () => {
      const store = await withHistory();
      expect(await deviceIds(store, { status: 'active' })).toEqual(['dev-1', 'dev-3']);
      expect(await deviceIds(store, { status: 'offline' })).toEqual(['dev-2']);
      expect(await deviceIds(store, { installationId: 'inst-1', status: 'offline' })).toEqual(['dev-2']);
      expect(await deviceIds(store, { unitId: 'unit-a', status: 'active' })).toEqual(['dev-1']);
      expect(await deviceIds(store, { status: 'decommissioned' })).toEqual(['dev-4']);
      expect(await deviceIds(store, { status: 'maintenance' })).toEqual([]);
    });

    it('filters devices by a register they report', async () => {
      const store = await withHistory();
      expect(await deviceIds(store, { variable: 'active_energy_import' })).toEqual(['dev-1', 'dev-2']);
      expect(await deviceIds(store, { variable: 'voltage_l1' })).toEqual(['dev-1']);
      expect(await deviceIds(store, { variable: 'water_volume', installationId: 'inst-2' })).toEqual(['dev-3']);
      expect(await deviceIds(store, { variable: 'active_energy' })).toEqual([]);
    });

    it('filters devices by a case-insensitive substring of the name, literally', async () => {
      const store = await withHistory();
      expect(await deviceIds(store, { nameContains: 'MEDIDOR' })).toEqual(['dev-1', 'dev-3']);
      expect(await deviceIds(store, { nameContains: 'dor ag' })).toEqual(['dev-3']);
      expect(await deviceIds(store, { nameContains: 'medidor.*' })).toEqual([]);
      expect(await deviceIds(store, { nameContains: '.' })).toEqual([]);
      expect(await deviceIds(store, { nameContains: 'null' })).toEqual([]);
    });

    it('combines filters with AND and pages through the filtered list', async () => {
      const store = await withHistory();
      expect(await deviceIds(store, { variable: 'active_energy_import', status: 'active' })).toEqual(['dev-1']);
      const first = await store.listDevices(
        { organizationIds: ALL_ORGANIZATIONS, nameContains: 'medidor' },
        { limit: 1 },
      );
      expect([first.items.map((d) => d.deviceId), first.next]).toEqual([['dev-1'], 'dev-1']);
      const second = await store.listDevices(
        { organizationIds: ALL_ORGANIZATIONS, nameContains: 'medidor' },
        { limit: 1, after: 'dev-1' },
      );
      expect([second.items.map((d) => d.deviceId), second.next]).toEqual([['dev-3'], null]);
    });

    it('filters installations by a case-insensitive substring of the name, Unicode included', async () => {
      const store = await withHistory();
      const names = async (filter: { organizationIds?: string[]; nameContains?: string }) =>
        (await store.listInstallations(filter, { limit: 100 })).items.map((i) => i.installationId);
      expect(await names({ nameContains: 'MÉDICA' })).toEqual(['inst-2']);
      expect(await names({ nameContains: 'a' })).toEqual(['inst-1', 'inst-2', 'inst-3']);
      expect(await names({ nameContains: 'torre', organizationIds: ['org-1'] })).toEqual([]);
      expect(await names({ nameContains: 'la flo', organizationIds: ['org-3'] })).toEqual(['inst-3']);
      expect(await names({ nameContains: '(' })).toEqual([]);
    });
  });
}
