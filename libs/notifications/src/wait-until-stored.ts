import type { MeasurementsStore } from '@medido/measurements';
import type { Logger } from 'pino';

/** How often the store is asked while batches wait, when nothing in this process tells of its writes. */
const POLL_MS = 50;
/**
 * The same when the store object tells of its writes (a co-located projector, MeasurementsStore.onStored):
 * asking is then only for writes of other processes, and a 50 ms poll of ~1 000 meters cost the engine a
 * share of the two cores the projector's writes need (docs/benchmarks.md, freshness 2026-12-07).
 */
const TOLD_POLL_MS = 1_000;
/** Long enough for a projector under load, short enough that a projector outage only delays notices. */
const MAX_WAIT_MS = 5_000;
/** Meters whose newest stored reading is remembered; past it the memory starts over (polls refill it). */
const MAX_KNOWN = 100_000;

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
 * projector, so the newest reading stored means the record is). What the store answered or told is
 * remembered per meter, so a batch whose readings are known stored (the notifier behind the
 * projector) goes on at once; the others share one poll: one query for the meters of all of them, not
 * one per batch. Bounded: after MAX_WAIT_MS a batch's changes go out anyway, logged — late notices
 * beat a notifier that stalls with the projector. A failing query counts as "not yet" until that bound.
 */
export function storeWatch(store: Pick<MeasurementsStore, 'lastSeen' | 'onStored'>, logger: Logger): WaitUntilStored {
  const waiters = new Set<Waiter>();
  const known = new Map<string, number>();
  let polling = false;

  function learn(newest: ReadonlyMap<string, number>): void {
    if (known.size + newest.size > MAX_KNOWN) known.clear();
    for (const [id, t] of newest) if (t > (known.get(id) ?? -Infinity)) known.set(id, t);
  }
  /** Drops what the store is known to hold; true when nothing is left to wait for. */
  const settled = (pending: Map<string, number>): boolean => {
    for (const [id, t] of pending) if ((known.get(id) ?? -Infinity) >= t) pending.delete(id);
    return pending.size === 0;
  };
  const release = (waiter: Waiter) => {
    waiters.delete(waiter);
    waiter.resolve();
  };
  const tellsWrites =
    store.onStored?.((newest) => {
      learn(newest);
      for (const waiter of waiters) if (settled(waiter.pending)) release(waiter);
    }) !== undefined;
  const pollMs = tellsWrites ? TOLD_POLL_MS : POLL_MS;

  async function poll(): Promise<void> {
    polling = true;
    while (waiters.size > 0) {
      const ids = new Set<string>();
      for (const waiter of waiters) for (const id of waiter.pending.keys()) ids.add(id);
      learn(
        await store.lastSeen([...ids]).catch((error: unknown) => {
          logger.warn({ err: error }, 'the store did not answer which readings it holds');
          return new Map<string, number>();
        }),
      );
      const now = Date.now();
      for (const waiter of waiters) {
        if (!settled(waiter.pending) && now < waiter.deadline) continue;
        if (waiter.pending.size > 0)
          logger.warn({ meters: waiter.pending.size }, 'readings not readable yet; notifying anyway');
        release(waiter);
      }
      if (waiters.size > 0) await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    polling = false;
  }

  return (advanced) => {
    const pending = new Map(advanced);
    if (settled(pending)) return Promise.resolve();
    return new Promise<void>((resolve) => {
      waiters.add({ pending, deadline: Date.now() + MAX_WAIT_MS, resolve });
      if (!polling) void poll();
    });
  };
}
