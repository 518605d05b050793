/**
 * Runs async functions one at a time per key, in call order, within this process. The catalog uses
 * it so concurrent writes of one document from one process queue instead of racing: on MongoDB that
 * only saves compare-and-set retries, but FerretDB 1.x on SQLite does not isolate conditional updates
 * (`replaceOne({ _id, _rev })` and `$max` can both succeed against the same revision), so there it is
 * what keeps a projector that applies a batch concurrently from losing an update.
 */
export type KeyedMutex = <T>(key: string, fn: () => Promise<T>) => Promise<T>;

export function keyedMutex(): KeyedMutex {
  const tails = new Map<string, Promise<void>>();
  return async (key, fn) => {
    const result = (tails.get(key) ?? Promise.resolve()).then(fn);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
