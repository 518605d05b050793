import { allDevices, type CatalogReader, type Device } from '@medido/catalog';
import { canonicalTimeZone } from '@medido/measurements';
import type { Placement } from './derive-changes.ts';
import { DEFAULT_ZONE } from './local-days.ts';

export interface PlacementsOptions {
  ttlMs?: number;
  unknownTtlMs?: number;
  now?: () => number;
}

/** Catalog reads of one background refresh at a time: enough to keep up, few enough to leave FerretDB to others. */
const REFRESH_CONCURRENCY = 8;
/** Meters first seen in one batch are listed this many per catalog query. */
const LIST_CHUNK = 500;

interface Entry<T> {
  value: T;
  until: number;
}

/**
 * A cache whose expired entries are still answered while one background refresh reads them again
 * (stale-while-revalidate). Only a key never read waits for the catalog. Why: on FerretDB a lookup by
 * id takes ~0.1 s at 50 000 documents (docs/benchmarks.md), and re-reading 2 000 meters in the
 * notifier's path every 30 s held it for most of each minute. The staleness stays the TTL plus one
 * refresh; a failed refresh keeps the old value and is tried again by the next request.
 */
function refreshingCache<T>(read: (key: string) => Promise<T>, ttlOf: (value: T) => number, now: () => number) {
  const entries = new Map<string, Entry<T>>();
  const stale = new Set<string>();
  // First reads under way: the meters of a batch ask for their installation's zone together.
  const firstReads = new Map<string, Promise<T>>();
  let refreshing: Promise<void> | null = null;
  const store = (key: string, value: T) => entries.set(key, { value, until: now() + ttlOf(value) });

  async function refresh(): Promise<void> {
    while (stale.size > 0) {
      const keys = [...stale].slice(0, REFRESH_CONCURRENCY);
      await Promise.all(
        keys.map(async (key) => {
          try {
            store(key, await read(key));
          } catch {
            // Kept as it was (still expired): the next get() queues it again.
          } finally {
            stale.delete(key);
          }
        }),
      );
    }
  }

  return {
    async get(key: string): Promise<T> {
      const entry = entries.get(key);
      if (!entry) {
        let first = firstReads.get(key);
        if (!first) {
          first = read(key).then((value) => {
            store(key, value);
            return value;
          });
          firstReads.set(key, first);
          void first.finally(() => firstReads.delete(key)).catch(() => undefined);
        }
        return first;
      }
      if (entry.until <= now() && !stale.has(key)) {
        stale.add(key);
        refreshing ??= refresh().finally(() => {
          refreshing = null;
        });
      }
      return entry.value;
    },
    /** Whether the key was read or is being read (a get() will not wait for a new read). */
    has: (key: string): boolean => entries.has(key) || firstReads.has(key),
    /** Stores a value read some other way (several keys in one query). */
    set: (key: string, value: T): void => void store(key, value),
    /** Resolves once the refresh under way (if any) is done (tests wait for it). */
    settled: (): Promise<void> => refreshing ?? Promise.resolve(),
  };
}

/**
 * The catalog facts the notifier needs, cached (refreshingCache): at thousands of readings a second,
 * asking FerretDB about every meter of every batch would make the catalog the bottleneck. A meter the
 * catalog does not know is read again sooner, so it starts notifying soon after it is registered; an
 * installation's time zone is read once for all its meters.
 */
export function catalogPlacements(catalog: CatalogReader, options: PlacementsOptions = {}) {
  const ttl = options.ttlMs ?? 30_000;
  const unknownTtl = options.unknownTtlMs ?? 5_000;
  const now = options.now ?? Date.now;

  const zones = refreshingCache(
    async (installationId) => {
      const zone = (await catalog.getInstallation(installationId))?.timezone;
      if (!zone) return DEFAULT_ZONE;
      try {
        return canonicalTimeZone(zone);
      } catch {
        return DEFAULT_ZONE;
      }
    },
    () => ttl,
    now,
  );

  const placementOf = async (device: Device): Promise<Placement> => ({
    organizationId: device.organizationId,
    installationId: device.installationId,
    unitId: device.unitId,
    timezone: await zones.get(device.installationId),
  });
  const placements = refreshingCache<Placement | null>(
    async (deviceId) => {
      const device = await catalog.getDevice(deviceId);
      return device ? placementOf(device) : null;
    },
    (value) => (value ? ttl : unknownTtl),
    now,
  );

  /**
   * Meters never seen before, read with one listing per LIST_CHUNK of them: a new notifier (or a new
   * fleet) meets thousands at once, and one lookup each took ~40 s for 2 000 meters on FerretDB.
   */
  async function readUnseen(deviceIds: string[]): Promise<void> {
    for (let i = 0; i < deviceIds.length; i += LIST_CHUNK) {
      const chunk = deviceIds.slice(i, i + LIST_CHUNK);
      const found = new Map((await allDevices(catalog, { deviceIds: chunk })).map((d) => [d.deviceId, d]));
      await Promise.all(
        chunk.map(async (id) => {
          const device = found.get(id);
          placements.set(id, device ? await placementOf(device) : null);
        }),
      );
    }
  }

  const meters = refreshingCache(
    async (installationId) => (await allDevices(catalog, { installationId, status: 'active' })).map((d) => d.deviceId),
    () => ttl,
    now,
  );

  return {
    /** Placements of the meters (null: unknown to the catalog). */
    async resolve(deviceIds: Iterable<string>): Promise<Map<string, Placement | null>> {
      const ids = [...new Set(deviceIds)];
      const unseen = ids.filter((id) => !placements.has(id));
      if (unseen.length > 1) await readUnseen(unseen);
      const values = await Promise.all(ids.map((id) => placements.get(id)));
      return new Map(ids.map((id, i) => [id, values[i]!]));
    },
    /** The active meters of an installation: the ones a day waits for (an inactive meter sends nothing). */
    metersOf: (installationId: string): Promise<string[]> => meters.get(installationId),
    /** Resolves once every background refresh under way is done. */
    async settled(): Promise<void> {
      await Promise.all([placements.settled(), meters.settled()]);
      await zones.settled();
    },
  };
}
export type CatalogPlacements = ReturnType<typeof catalogPlacements>;
