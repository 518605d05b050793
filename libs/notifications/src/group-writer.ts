/**
 * One writer that takes what queued up while it wrote, all at once (a group commit): the change log
 * has a single writer, and a round trip per batch made it the notifier's ceiling once batches stopped
 * waiting for one another. A group holds at most one item per key (`keyOf`); later items of a key wait,
 * in order, for the next group. Every item of a group shares its outcome: if the write fails, each
 * fails; the write may also refuse single items (it answers them with their reason) and write the rest.
 */
export function groupWriter<T>(
  write: (items: T[]) => Promise<Map<T, Error> | void>,
  keyOf: (item: T) => string,
): (item: T) => Promise<void> {
  type Queued = { item: T; resolve: () => void; reject: (error: unknown) => void };
  let queued: Queued[] = [];
  let writing = false;

  function takeGroup(): Queued[] {
    const keys = new Set<string>();
    const group: Queued[] = [];
    const rest: Queued[] = [];
    for (const q of queued) {
      const key = keyOf(q.item);
      if (keys.has(key)) rest.push(q);
      else {
        keys.add(key);
        group.push(q);
      }
    }
    queued = rest;
    return group;
  }

  async function drain(): Promise<void> {
    writing = true;
    while (queued.length > 0) {
      const group = takeGroup();
      try {
        const refused = (await write(group.map((q) => q.item))) ?? new Map<T, Error>();
        for (const q of group) {
          const reason = refused.get(q.item);
          if (reason) q.reject(reason);
          else q.resolve();
        }
      } catch (error) {
        for (const q of group) q.reject(error);
      }
    }
    writing = false;
  }

  return (item) =>
    new Promise<void>((resolve, reject) => {
      queued.push({ item, resolve, reject });
      if (!writing) void drain();
    });
}
