import { allDevices, type CatalogReader, type Device } from '@medido/catalog';
import { createSnapshots } from './snapshots.ts';

/** Whose meters: a whole installation, or one of its units. */
export type MeterListScope = { installationId: string } | { unitId: string };

/**
 * Every meter of an installation or unit, in deviceId order, read through short-lived snapshots
 * (snapshots.ts: served `ttlMs`, then stale-while-revalidate, read again past `staleMs`).
 *
 * Why: measurements, consumption and latest answers for a whole installation need its meter list on
 * every request, and listing 1 000 meters costs a catalog scan (≈ 400 ms on FerretDB, which evaluates
 * such filters in Go over every document) where the answer itself takes tens of milliseconds. Catalog
 * answers already tell clients they may be 60 s old (`Cache-Control: private, max-age`).
 * Authorization never comes from here: the caller's access to the installation or unit is checked on
 * every request, and a list only says which meters the catalog places in it.
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

const DEFAULT_MAX_LISTS = 500;

export function createMeterLists(catalog: Pick<CatalogReader, 'listDevices'>, options: MeterListOptions): MeterLists {
  const { maxLists = DEFAULT_MAX_LISTS, ...freshness } = options;
  const lists = createSnapshots<readonly Device[]>({ ...freshness, maxEntries: maxLists });

  /** In deviceId order (allDevices follows the port's id order). Frozen: concurrent answers share a snapshot. */
  async function read(scope: MeterListScope): Promise<readonly Device[]> {
    const devices = await allDevices(catalog, scope);
    for (const device of devices) Object.freeze(device);
    return Object.freeze(devices);
  }

  return {
    async of(scope) {
      const key = 'unitId' in scope ? `unit ${scope.unitId}` : `installation ${scope.installationId}`;
      // A list is never null (an empty installation has an empty list), so a snapshot always holds it.
      return (await lists.get(key, () => read(scope)))!;
    },
  };
}
