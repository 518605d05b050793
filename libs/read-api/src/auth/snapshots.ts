/**
 * Short-lived snapshots of catalog reads that requests repeat (the organization list, an installation, a
 * unit's installation, a meter, a meter list), kept per process.
 *
 * Freshness: a value younger than `ttlMs` is served as is; an older one is still served while ONE
 * background read replaces it (stale-while-revalidate), so a value in use reflects a catalog change within
 * about `ttlMs` plus one read; one older than `staleMs` is read again before answering (`staleMs` equal to
 * `ttlMs`: never served stale). "Not found" is
 * never kept: what was just registered is found on the next request. `ttlMs` 0 reads through.
 */
export interface Snapshots<V> {
  /** The value under `key`, from a snapshot or from `read` (called at most once per key at a time). */
  get(key: string, read: () => Promise<V | null>): Promise<V | null>;
}

export interface SnapshotOptions {
  ttlMs: number;
  staleMs?: number;
  /** Values kept; the least recently used one goes first. */
  maxEntries: number;
  now?: () => number;
}

const DEFAULT_STALE_MS = 30_000;

interface Snapshot<V> {
  at: number;
  value: V;
}

export function createSnapshots<V>(options: SnapshotOptions): Snapshots<V> {
  const { ttlMs, staleMs = Math.max(DEFAULT_STALE_MS, ttlMs), maxEntries, now = Date.now } = options;
  const snapshots = new Map<string, Snapshot<V>>();
  const loading = new Map<string, Promise<V | null>>();

  /** One read per key at a time: concurrent requests share it instead of stampeding the catalog. */
  function reload(key: string, read: () => Promise<V | null>): Promise<V | null> {
    let pending = loading.get(key);
    if (!pending) {
      pending = read()
        .then((value) => {
          snapshots.delete(key);
          if (value === null) return null;
          snapshots.set(key, { at: now(), value });
          if (snapshots.size > maxEntries) snapshots.delete(snapshots.keys().next().value!);
          return value;
        })
        .finally(() => loading.delete(key));
      loading.set(key, pending);
    }
    return pending;
  }

  return {
    async get(key, read) {
      if (ttlMs <= 0) return read();
      const snapshot = snapshots.get(key);
      const age = snapshot ? now() - snapshot.at : Infinity;
      if (!snapshot || age >= staleMs) return reload(key, read);
      // Most recently used last, so eviction drops the value nobody asked for longest.
      snapshots.delete(key);
      snapshots.set(key, snapshot);
      // A failed background read keeps the old value; once it is `staleMs` old a request reads again and
      // answers the failure itself.
      if (age >= ttlMs) reload(key, read).catch(() => undefined);
      return snapshot.value;
    },
  };
}
