import type { CatalogReader } from '@medido/catalog';
import { canonicalTimeZone } from '@medido/measurements';
import type { Placement } from './derive-changes.ts';
import { DEFAULT_ZONE } from './local-days.ts';

export interface PlacementsOptions {
  ttlMs?: number;
  unknownTtlMs?: number;
  now?: () => number;
}

/**
 * The catalog facts the notifier needs, cached for a few seconds: at thousands of readings a second,
 * asking FerretDB about every meter of every batch would make the catalog the bottleneck. A meter the
 * catalog does not know is asked again sooner, so it starts notifying soon after it is registered.
 */
export function catalogPlacements(catalog: CatalogReader, options: PlacementsOptions = {}) {
  const ttl = options.ttlMs ?? 30_000;
  const unknownTtl = options.unknownTtlMs ?? 5_000;
  const now = options.now ?? Date.now;
  const placements = new Map<string, { value: Placement | null; until: number }>();
  const meters = new Map<string, { value: string[]; until: number }>();

  async function zoneOf(installationId: string): Promise<string> {
    const zone = (await catalog.getInstallation(installationId))?.timezone;
    if (!zone) return DEFAULT_ZONE;
    try {
      return canonicalTimeZone(zone);
    } catch {
      return DEFAULT_ZONE;
    }
  }

  async function place(deviceId: string): Promise<Placement | null> {
    const device = await catalog.getDevice(deviceId);
    if (!device) return null;
    return {
      organizationId: device.organizationId,
      installationId: device.installationId,
      unitId: device.unitId,
      timezone: await zoneOf(device.installationId),
    };
  }

  return {
    /** Placements of the meters (null: unknown to the catalog). */
    async resolve(deviceIds: Iterable<string>): Promise<Map<string, Placement | null>> {
      const out = new Map<string, Placement | null>();
      const at = now();
      await Promise.all(
        [...new Set(deviceIds)].map(async (id) => {
          const cached = placements.get(id);
          if (cached && cached.until > at) {
            out.set(id, cached.value);
            return;
          }
          const value = await place(id);
          placements.set(id, { value, until: at + (value ? ttl : unknownTtl) });
          out.set(id, value);
        }),
      );
      return out;
    },
    /** The active meters of an installation: the ones a day waits for (an inactive meter sends nothing). */
    async metersOf(installationId: string): Promise<string[]> {
      const cached = meters.get(installationId);
      if (cached && cached.until > now()) return cached.value;
      const ids: string[] = [];
      let after: string | undefined;
      do {
        const page = await catalog.listDevices(
          { installationId, status: 'active' },
          { limit: 500, ...(after ? { after } : {}) },
        );
        ids.push(...page.items.map((d) => d.deviceId));
        after = page.next ?? undefined;
      } while (after);
      meters.set(installationId, { value: ids, until: now() + ttl });
      return ids;
    },
  };
}
export type CatalogPlacements = ReturnType<typeof catalogPlacements>;
