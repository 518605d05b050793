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
  /** The TTL this value was given: what the next one may grow from. */
  ttl: number;
}

/**
 * A cache whose expired entries are still answered while one background refresh reads them again
 * (stale-while-revalidate). Only a key never read waits for the catalog. Why: on FerretDB a lookup by
 * id takes ~0.1 s at 50 000 documents (docs/benchmarks.md), and re-reading 2 000 meters in the
 * notifier's path every 30 s held it for most of each minute. The staleness stays the TTL plus one
 * refresh; a failed refresh keeps the old value and is tried again by the next request.
 */
function refreshingCache<T>(
  read: (key: string) => Promise<T>,
  /** The value's TTL, given the entry it replaces (if any). */
  ttlOf: (value: T, previous: Entry<T> | undefined) => number,
  now: () => number,
  /** Several keys in one catalog query: the refresh then reads LIST_CHUNK keys a query instead of one. */
  readMany?: (keys: string[]) => Promise<Map<string, T>>,
) {
  const entries = new Map<string, Entry<T>>();
  const stale = new Set<string>();
  const firstReads = new Map<string, Promise<T>>();
  let refreshing: Promise<void> | null = null;
  const store = (key: string, value: T) => {
    const ttl = ttlOf(value, entries.get(key));
    entries.set(key, { value, until: now() + ttl, ttl });
  };

  async function refresh(): Promise<void> {
    while (stale.size > 0) {
      const keys = [...stale].slice(0, readMany ? LIST_CHUNK : REFRESH_CONCURRENCY);
      try {
        if (readMany) for (const [key, value] of await readMany(keys)) store(key, value);
        else await Promise.all(keys.map(async (key) => store(key, await read(key))));
      } catch {
        // The old values stay; the next request after the TTL tries again.
      } finally {
        for (const key of keys) stale.delete(key);
      }
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
        // Started after the caller's other gets: the keys that expired together are read together.
        refreshing ??= Promise.resolve()
          .then(refresh)
          .finally(() => {
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
 * catalog does not know is read again sooner (at first), so it starts notifying soon after it is
 * registered; an installation's time zone is read once for all its meters.
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
  /**
   * Meters read with one listing per LIST_CHUNK of them: a new notifier (or a new fleet) meets thousands
   * at once, and their placements expire together; one lookup each took ~40 s for 2 000 meters on
   * FerretDB, and re-reading 1 000 meters one by one every 30 s kept it busy during the ingest bench.
   */
  async function readPlacements(deviceIds: string[]): Promise<Map<string, Placement | null>> {
    const out = new Map<string, Placement | null>();
    for (let i = 0; i < deviceIds.length; i += LIST_CHUNK) {
      const chunk = deviceIds.slice(i, i + LIST_CHUNK);
      const found = new Map((await allDevices(catalog, { deviceIds: chunk })).map((d) => [d.deviceId, d]));
      for (const id of chunk) {
        const device = found.get(id);
        out.set(id, device ? await placementOf(device) : null);
      }
    }
    return out;
  }
  const placements = refreshingCache<Placement | null>(
    async (deviceId) => {
      const device = await catalog.getDevice(deviceId);
      return device ? placementOf(device) : null;
    },
    // A meter that stays unknown is read again less and less often, up to the TTL of known ones: a
    // fleet sending before it is registered (2 000 such meters on FerretDB: a listing of 500 ids takes
    // ~100 ms of its CPU) would otherwise be listed again every few seconds for as long as it sends.
    (value, previous) =>
      value ? ttl : previous && previous.value === null ? Math.min(ttl, previous.ttl * 2) : unknownTtl,
    now,
    readPlacements,
  );

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
      if (unseen.length > 1) for (const [id, placement] of await readPlacements(unseen)) placements.set(id, placement);
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
