import { allDevices, type CatalogReader, type Device } from '@medido/catalog';

/** Whose meters: a whole installation, or one of its units. */
export type MeterListScope = { installationId: string } | { unitId: string };

/**
 * Every meter of an installation or unit, in deviceId order, read through short-lived snapshots.
 *
 * Why: measurements, consumption and latest answers for a whole installation need its meter list on
 * every request, and listing 1 000 meters costs a catalog scan (≈ 400 ms on FerretDB, which evaluates
 * such filters in Go over every document) where the answer itself takes tens of milliseconds. Catalog
 * answers already tell clients they may be 60 s old (`Cache-Control: private, max-age`).
 *
 * Freshness: a list younger than `ttlMs` is served as is; an older one is still served while ONE
 * background read replaces it (stale-while-revalidate), so a list in use reflects a catalog change
 * within about `ttlMs` plus one read; a list older than `staleMs` is read again before answering.
 * Authorization never comes from here: the caller's access to the installation or unit is checked on
 * every request, and a list only says which meters the catalog places in it. `ttlMs` 0 reads through.
 */
export interface MeterLists {
  of(scope: MeterListScope): Promise<readonly Device[]>;
}

export interface MeterListOptions {
  ttlMs: number;
  staleMs?: number;
  /** Lists kept; the least recently used one goes first (each holds up to an installation's meters). */
  maxLists?: number;
  now?: () => number;
}

const DEFAULT_STALE_MS = 30_000;
const DEFAULT_MAX_LISTS = 500;

interface Snapshot {
  at: number;
  devices: readonly Device[];
}

export function createMeterLists(catalog: Pick<CatalogReader, 'listDevices'>, options: MeterListOptions): MeterLists {
  const { ttlMs, staleMs = Math.max(DEFAULT_STALE_MS, ttlMs), maxLists = DEFAULT_MAX_LISTS, now = Date.now } = options;
  const snapshots = new Map<string, Snapshot>();
  const loading = new Map<string, Promise<Snapshot>>();

  /** In deviceId order (allDevices follows the port's id order). Frozen: concurrent answers share a snapshot. */
  async function read(scope: MeterListScope): Promise<readonly Device[]> {
    const devices = await allDevices(catalog, scope);
    for (const device of devices) Object.freeze(device);
    return Object.freeze(devices);
  }

  /** One read per list at a time: concurrent requests share it instead of stampeding the catalog. */
  function reload(key: string, scope: MeterListScope): Promise<Snapshot> {
    let pending = loading.get(key);
    if (!pending) {
      pending = read(scope)
        .then((devices) => {
          const snapshot = { at: now(), devices };
          snapshots.delete(key);
          snapshots.set(key, snapshot);
          if (snapshots.size > maxLists) snapshots.delete(snapshots.keys().next().value!);
          return snapshot;
        })
        .finally(() => loading.delete(key));
      loading.set(key, pending);
    }
    return pending;
  }

  return {
    async of(scope) {
      if (ttlMs <= 0) return read(scope);
      const key = 'unitId' in scope ? `unit ${scope.unitId}` : `installation ${scope.installationId}`;
      const snapshot = snapshots.get(key);
      const age = snapshot ? now() - snapshot.at : Infinity;
      if (!snapshot || age >= staleMs) return (await reload(key, scope)).devices;
      // Most recently used last, so eviction drops the list nobody asked for longest.
      snapshots.delete(key);
      snapshots.set(key, snapshot);
      if (age >= ttlMs) {
        // A failed background read keeps the old list; once it is `staleMs` old a request reads again
        // and answers the failure itself.
        reload(key, scope).catch(() => undefined);
      }
      return snapshot.devices;
    },
  };
}
