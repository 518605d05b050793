import { describe, expect, it } from 'vitest';
import type { CatalogReader } from '@medido/catalog';
import { catalogPlacements } from '../src/catalog-placements.ts';

/** The three catalog reads the notifier makes, over a mutable in-memory catalog that counts them. */
function fakeCatalog() {
  const devices = new Map<string, { installationId: string; unitId?: string }>();
  const zones = new Map<string, string>();
  const reads = { device: 0, installation: 0, list: 0 };
  let failing = false;
  const catalog = {
    async getDevice(deviceId: string) {
      reads.device++;
      if (failing) throw new Error('catalog unavailable');
      const d = devices.get(deviceId);
      return d ? { deviceId, organizationId: 'org', status: 'active', ...d } : null;
    },
    async getInstallation(installationId: string) {
      reads.installation++;
      if (failing) throw new Error('catalog unavailable');
      return { installationId, timezone: zones.get(installationId) };
    },
    async listDevices(filter: { installationId?: string; deviceIds?: string[] }) {
      reads.list++;
      if (failing) throw new Error('catalog unavailable');
      const items = [...devices].filter(
        ([id, d]) =>
          (filter.installationId === undefined || d.installationId === filter.installationId) &&
          (filter.deviceIds === undefined || filter.deviceIds.includes(id)),
      );
      return {
        items: items.map(([deviceId, d]) => ({ deviceId, organizationId: 'org', status: 'active', ...d })),
        next: null,
      };
    },
  } as unknown as CatalogReader;
  return {
    catalog,
    devices,
    zones,
    reads,
    fail: (on: boolean) => {
      failing = on;
    },
  };
}

describe('the notifier’s catalog placements', () => {
  it('reads the new meters of a batch in one listing and their installation’s time zone once', async () => {
    const f = fakeCatalog();
    f.zones.set('inst-a', 'America/Santiago');
    for (let i = 0; i < 50; i++) f.devices.set(`m-${i}`, { installationId: 'inst-a' });
    const placed = await catalogPlacements(f.catalog).resolve([...f.devices.keys(), 'm-unknown']);
    expect([...f.devices.keys()].every((id) => placed.get(id)?.timezone === 'America/Santiago')).toBe(true);
    expect(placed.get('m-unknown')).toBeNull();
    expect(f.reads).toEqual({ device: 0, installation: 1, list: 1 });
  });

  it('answers an expired placement at once and serves the catalog’s new one after the refresh', async () => {
    const f = fakeCatalog();
    let clock = 0;
    f.devices.set('m-1', { installationId: 'inst-a' });
    const placements = catalogPlacements(f.catalog, { ttlMs: 1_000, now: () => clock });
    expect((await placements.resolve(['m-1'])).get('m-1')?.installationId).toBe('inst-a');

    f.devices.set('m-1', { installationId: 'inst-b' }); // the meter moved
    clock = 500;
    expect((await placements.resolve(['m-1'])).get('m-1')?.installationId).toBe('inst-a'); // within the TTL
    expect(f.reads.device).toBe(1);

    clock = 1_500; // expired: the old answer now, the refresh in the background
    expect((await placements.resolve(['m-1'])).get('m-1')?.installationId).toBe('inst-a');
    await placements.settled();
    expect((await placements.resolve(['m-1'])).get('m-1')?.installationId).toBe('inst-b');
    expect(f.reads).toMatchObject({ device: 1, list: 1 }); // the refresh lists, it does not look up one by one
  });

  it('refreshes a fleet whose placements expired together with one listing per 500 meters', async () => {
    const f = fakeCatalog();
    let clock = 0;
    const ids = Array.from({ length: 1_000 }, (_, i) => `m-${i}`);
    for (const id of ids) f.devices.set(id, { installationId: 'inst-a' });
    const placements = catalogPlacements(f.catalog, { ttlMs: 1_000, now: () => clock });
    await placements.resolve(ids);
    const before = { ...f.reads };
    for (const id of ids) f.devices.set(id, { installationId: 'inst-b' });
    clock = 1_500;
    await placements.resolve(ids);
    await placements.settled();
    const placed = await placements.resolve(ids);
    expect(ids.every((id) => placed.get(id)?.installationId === 'inst-b')).toBe(true);
    expect(f.reads.list - before.list).toBe(2);
    expect(f.reads.device - before.device).toBe(0);
  });

  it('keeps the last placement through a failed refresh and refreshes again on the next batch', async () => {
    const f = fakeCatalog();
    let clock = 0;
    f.devices.set('m-1', { installationId: 'inst-a' });
    const placements = catalogPlacements(f.catalog, { ttlMs: 1_000, now: () => clock });
    await placements.resolve(['m-1']);
    f.devices.set('m-1', { installationId: 'inst-b' });
    f.fail(true);
    clock = 2_000;
    expect((await placements.resolve(['m-1'])).get('m-1')?.installationId).toBe('inst-a');
    await placements.settled();
    f.fail(false);
    expect((await placements.resolve(['m-1'])).get('m-1')?.installationId).toBe('inst-a');
    await placements.settled();
    expect((await placements.resolve(['m-1'])).get('m-1')?.installationId).toBe('inst-b');
  });

  it('waits for the catalog on a meter it has never seen, and learns of its registration within the short TTL', async () => {
    const f = fakeCatalog();
    let clock = 0;
    const placements = catalogPlacements(f.catalog, { ttlMs: 30_000, unknownTtlMs: 1_000, now: () => clock });
    expect((await placements.resolve(['m-new'])).get('m-new')).toBeNull();
    f.devices.set('m-new', { installationId: 'inst-a' });
    clock = 1_500;
    await placements.resolve(['m-new']);
    await placements.settled();
    expect((await placements.resolve(['m-new'])).get('m-new')?.installationId).toBe('inst-a');
  });

  it('reads a meter that stays unknown less and less often, up to the TTL of known ones', async () => {
    const f = fakeCatalog();
    let clock = 0;
    const placements = catalogPlacements(f.catalog, { ttlMs: 8_000, unknownTtlMs: 1_000, now: () => clock });
    await placements.resolve(['m-new']);
    const readAt: number[] = [];
    for (clock = 100; clock <= 40_000; clock += 100) {
      const before = f.reads.device + f.reads.list;
      await placements.resolve(['m-new']);
      await placements.settled();
      if (f.reads.device + f.reads.list > before) readAt.push(clock);
    }
    // Unknown for 1 s, then 2, 4 and from then on 8 s (the known meters' TTL).
    expect(readAt).toEqual([1_000, 3_000, 7_000, 15_000, 23_000, 31_000, 39_000]);
    // Registered meanwhile, it is known by the next read, and from then on read like any known meter.
    f.devices.set('m-new', { installationId: 'inst-a' });
    clock = 47_000;
    await placements.resolve(['m-new']);
    await placements.settled();
    expect((await placements.resolve(['m-new'])).get('m-new')?.installationId).toBe('inst-a');
  });

  it('lists an installation’s active meters again in the background once they expire', async () => {
    const f = fakeCatalog();
    let clock = 0;
    f.devices.set('m-1', { installationId: 'inst-a' });
    const placements = catalogPlacements(f.catalog, { ttlMs: 1_000, now: () => clock });
    expect(await placements.metersOf('inst-a')).toEqual(['m-1']);
    f.devices.set('m-2', { installationId: 'inst-a' });
    clock = 1_500;
    expect(await placements.metersOf('inst-a')).toEqual(['m-1']);
    await placements.settled();
    expect(await placements.metersOf('inst-a')).toEqual(['m-1', 'm-2']);
    expect(f.reads.list).toBe(2);
  });
});
