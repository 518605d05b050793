import type { MeasurementsStore } from '@medido/measurements';
import type { Logger } from 'pino';

const POLL_MS = 50;
/** Long enough for a projector under load, short enough that a projector outage only delays notices. */
const MAX_WAIT_MS = 5_000;

/** Resolves once the store's newest reading of each meter reaches the instant given for it. */
export type WaitUntilStored = (advanced: ReadonlyMap<string, number>) => Promise<void>;

interface Waiter {
  pending: Map<string, number>;
  deadline: number;
  resolve: () => void;
}

/**
 * The notifier reads the topic in its own group, often ahead of the projector: a consumer told
 * "new readings" who re-queries at once must find them. So changes wait until the store's newest
 * reading of each advanced meter reaches what their batch brought (one insert per record in the
 * projector, so the newest reading stored means the record is). Every batch waiting at the same time
 * shares one poll: one query for the meters of all of them, not one per batch. Bounded: after
 * MAX_WAIT_MS a batch's changes go out anyway, logged — late notices beat a notifier that stalls with
 * the projector. A failing query counts as "not yet" until that bound.
 */
export function storeWatch(store: Pick<MeasurementsStore, 'lastSeen'>, logger: Logger): WaitUntilStored {
  const waiters = new Set<Waiter>();
  let polling = false;

  async function poll(): Promise<void> {
    polling = true;
    while (waiters.size > 0) {
      const ids = new Set<string>();
      for (const waiter of waiters) for (const id of waiter.pending.keys()) ids.add(id);
      const seen = await store.lastSeen([...ids]).catch((error: unknown) => {
        logger.warn({ err: error }, 'the store did not answer which readings it holds');
        return new Map<string, number>();
      });
      const now = Date.now();
      for (const waiter of waiters) {
        for (const [id, t] of waiter.pending) if ((seen.get(id) ?? -Infinity) >= t) waiter.pending.delete(id);
        if (waiter.pending.size > 0 && now < waiter.deadline) continue;
        if (waiter.pending.size > 0)
          logger.warn({ meters: waiter.pending.size }, 'readings not readable yet; notifying anyway');
        waiters.delete(waiter);
        waiter.resolve();
      }
      if (waiters.size > 0) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    polling = false;
  }

  return (advanced) => {
    if (advanced.size === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      waiters.add({ pending: new Map(advanced), deadline: Date.now() + MAX_WAIT_MS, resolve });
      if (!polling) void poll();
    });
  };
}
