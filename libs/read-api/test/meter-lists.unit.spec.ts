import { describe, expect, it } from 'vitest';
import type { Device } from '@medido/catalog';
import { createMeterLists } from '../src/auth/meter-lists.ts';
import { inMemoryCatalog, type CatalogData } from './fakes/in-memory-catalog.ts';

const meter = (deviceId: string, installationId = 'inst-1', unitId: string | null = 'unit-1'): Device => ({
  deviceId,
  installationId,
  organizationId: 'org-1',
  unitId,
  name: null,
  model: null,
  status: 'active',
  variables: [{ name: 'active_energy_import', unit: 'kWh', kind: 'cumulative' }],
});

function world(count: number): CatalogData {
  return {
    organizations: [],
    installations: [],
    devices: Array.from({ length: count }, (_, i) => meter(`m-${String(count - i).padStart(4, '0')}`)),
  };
}

const ids = (devices: readonly Device[]) => devices.map((d) => d.deviceId);
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('meter lists', () => {
  it('lists every meter of an installation or unit in deviceId order, across catalog pages', async () => {
    const data = world(2_345);
    data.devices.push(meter('x-other', 'inst-2', 'unit-9'));
    const lists = createMeterLists(inMemoryCatalog(data), { ttlMs: 5_000 });
    const all = await lists.of({ installationId: 'inst-1' });
    expect(all).toHaveLength(2_345);
    expect(ids(all)).toEqual(ids(all).toSorted());
    expect(ids(await lists.of({ unitId: 'unit-9' }))).toEqual(['x-other']);
  });

  it('serves one snapshot within the TTL, read once for concurrent requests', async () => {
    const catalog = inMemoryCatalog(world(3));
    let clock = 0;
    const lists = createMeterLists(catalog, { ttlMs: 5_000, now: () => clock });
    await Promise.all([1, 2, 3].map(() => lists.of({ installationId: 'inst-1' })));
    expect(catalog.calls).toBe(1);
    clock = 4_999;
    await lists.of({ installationId: 'inst-1' });
    expect(catalog.calls).toBe(1);
  });

  it('after the TTL answers the old list once while one read fetches the new one', async () => {
    const data = world(2);
    const catalog = inMemoryCatalog(data);
    let clock = 0;
    const lists = createMeterLists(catalog, { ttlMs: 5_000, staleMs: 30_000, now: () => clock });
    await lists.of({ installationId: 'inst-1' });
    data.devices.push(meter('m-new'));
    clock = 5_000;
    expect(ids(await lists.of({ installationId: 'inst-1' }))).toEqual(['m-0001', 'm-0002']);
    await settled();
    expect(ids(await lists.of({ installationId: 'inst-1' }))).toEqual(['m-0001', 'm-0002', 'm-new']);
    expect(catalog.calls).toBe(2);
  });

  it('reads again before answering once a list is older than staleMs', async () => {
    const data = world(1);
    let clock = 0;
    const lists = createMeterLists(inMemoryCatalog(data), { ttlMs: 5_000, staleMs: 30_000, now: () => clock });
    await lists.of({ installationId: 'inst-1' });
    data.devices.push(meter('m-new'));
    clock = 30_000;
    expect(ids(await lists.of({ installationId: 'inst-1' }))).toEqual(['m-0001', 'm-new']);
  });

  it('keeps the old list when a background read fails, and answers the failure once it is too old', async () => {
    const catalog = inMemoryCatalog(world(1));
    const listDevices = catalog.listDevices.bind(catalog);
    let failing = false;
    catalog.listDevices = (filter, page) =>
      failing ? Promise.reject(new Error('catalog down')) : listDevices(filter, page);
    let clock = 0;
    const lists = createMeterLists(catalog, { ttlMs: 5_000, staleMs: 30_000, now: () => clock });
    await lists.of({ installationId: 'inst-1' });
    failing = true;
    clock = 6_000;
    expect(ids(await lists.of({ installationId: 'inst-1' }))).toEqual(['m-0001']);
    await settled();
    expect(ids(await lists.of({ installationId: 'inst-1' }))).toEqual(['m-0001']);
    clock = 30_000;
    await expect(lists.of({ installationId: 'inst-1' })).rejects.toThrow('catalog down');
  });

  it('keeps at most maxLists lists, dropping the least recently used', async () => {
    const data = world(0);
    for (const unit of ['u-a', 'u-b', 'u-c']) data.devices.push(meter(`m-${unit}`, 'inst-1', unit));
    const catalog = inMemoryCatalog(data);
    const lists = createMeterLists(catalog, { ttlMs: 60_000, maxLists: 2 });
    await lists.of({ unitId: 'u-a' });
    await lists.of({ unitId: 'u-b' });
    await lists.of({ unitId: 'u-a' }); // u-b is now the least recently used
    await lists.of({ unitId: 'u-c' });
    expect(catalog.calls).toBe(3);
    await lists.of({ unitId: 'u-a' });
    expect(catalog.calls).toBe(3);
    await lists.of({ unitId: 'u-b' });
    expect(catalog.calls).toBe(4);
  });

  it('hands out snapshots no answer can change', async () => {
    const lists = createMeterLists(inMemoryCatalog(world(2)), { ttlMs: 5_000 });
    const first = await lists.of({ installationId: 'inst-1' });
    expect(() => (first as Device[]).pop()).toThrow(TypeError);
    expect(() => ((first[0] as Device).name = 'changed')).toThrow(TypeError);
    expect(ids(await lists.of({ installationId: 'inst-1' }))).toEqual(['m-0001', 'm-0002']);
  });

  it('reads through when the TTL is 0', async () => {
    const data = world(1);
    const catalog = inMemoryCatalog(data);
    const lists = createMeterLists(catalog, { ttlMs: 0 });
    await lists.of({ installationId: 'inst-1' });
    data.devices.push(meter('m-new'));
    expect(ids(await lists.of({ installationId: 'inst-1' }))).toEqual(['m-0001', 'm-new']);
    expect(catalog.calls).toBe(2);
  });
});
