import { describe, expect, it } from 'vitest';
import type { Device, Installation } from '@medido/catalog';
import { createScopeCatalog } from '../src/auth/scope-catalog.ts';
import { inMemoryCatalog, type CatalogData } from './fakes/in-memory-catalog.ts';

const installation = (installationId: string, unitId: string): Installation => ({
  installationId,
  organizationId: 'org-1',
  name: installationId,
  timezone: 'America/Santiago',
  address: null,
  units: [{ unitId, name: unitId }],
});
const meter = (deviceId: string): Device => ({
  deviceId,
  installationId: 'inst-1',
  organizationId: 'org-1',
  unitId: 'unit-1',
  name: null,
  model: null,
  status: 'active',
  variables: [{ name: 'active_energy_import', unit: 'kWh', kind: 'cumulative' }],
});
const world = (): CatalogData => ({
  organizations: [],
  installations: [installation('inst-1', 'unit-1')],
  devices: [meter('m-1')],
});

describe('scope lookups through snapshots', () => {
  it('reads an installation, a unit and a meter once within the TTL, each a frozen value', async () => {
    const catalog = inMemoryCatalog(world());
    const scopes = createScopeCatalog(catalog, { ttlMs: 5_000, now: () => 0 });
    for (let round = 0; round < 3; round++) {
      expect((await scopes.getInstallation('inst-1'))?.installationId).toBe('inst-1');
      expect((await scopes.findInstallationByUnit('unit-1'))?.installationId).toBe('inst-1');
      expect((await scopes.getDevice('m-1'))?.deviceId).toBe('m-1');
    }
    expect(catalog.calls).toBe(3);
    expect(Object.isFrozen(await scopes.getDevice('m-1'))).toBe(true);
  });

  it('keeps no "not found": what is registered after a miss is found on the next request', async () => {
    const data = world();
    const catalog = inMemoryCatalog(data);
    const scopes = createScopeCatalog(catalog, { ttlMs: 5_000, now: () => 0 });
    expect(await scopes.getInstallation('inst-2')).toBeNull();
    expect(await scopes.getDevice('m-2')).toBeNull();
    data.installations.push(installation('inst-2', 'unit-2'));
    data.devices.push(meter('m-2'));
    expect((await scopes.getInstallation('inst-2'))?.installationId).toBe('inst-2');
    expect((await scopes.getDevice('m-2'))?.deviceId).toBe('m-2');
  });

  it('sees a change within the TTL plus one background read, and a removal as not found', async () => {
    const data = world();
    const catalog = inMemoryCatalog(data);
    let clock = 0;
    const scopes = createScopeCatalog(catalog, { ttlMs: 5_000, staleMs: 30_000, now: () => clock });
    await scopes.getDevice('m-1');
    data.devices = [{ ...meter('m-1'), status: 'offline' }];
    clock = 5_000;
    expect((await scopes.getDevice('m-1'))?.status).toBe('active'); // served while one read replaces it
    await new Promise((resolve) => setImmediate(resolve));
    expect((await scopes.getDevice('m-1'))?.status).toBe('offline');
    data.devices = [];
    clock = 40_000;
    expect(await scopes.getDevice('m-1')).toBeNull();
  });

  it('reads through, leaving the catalog values as they are, with a TTL of 0', async () => {
    const catalog = inMemoryCatalog(world());
    const scopes = createScopeCatalog(catalog, { ttlMs: 0 });
    await scopes.getDevice('m-1');
    await scopes.getDevice('m-1');
    expect(catalog.calls).toBe(2);
    expect(Object.isFrozen(await scopes.getDevice('m-1'))).toBe(false);
  });
});
