import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoredListener } from '@medido/measurements';
import { storeWatch } from '../src/wait-until-stored.ts';

const logger = pino({ level: 'silent' });

/** An in-memory store: `stored` is what lastSeen answers; `write` stores and, when told, tells listeners. */
function fakeStore(options: { tells: boolean }) {
  const stored = new Map<string, number>();
  const listeners = new Set<StoredListener>();
  let asked = 0;
  const store = {
    lastSeen: async (ids: string[]) => {
      asked += 1;
      return new Map(ids.flatMap((id) => (stored.has(id) ? [[id, stored.get(id)!] as const] : [])));
    },
    ...(options.tells
      ? {
          onStored: (listener: StoredListener) => {
            listeners.add(listener);
            return () => listeners.delete(listener);
          },
        }
      : {}),
  };
  /** Stored by another process: lastSeen answers it, nothing tells. */
  const storeElsewhere = (newest: Record<string, number>) => {
    for (const [id, t] of Object.entries(newest)) stored.set(id, Math.max(stored.get(id) ?? -Infinity, t));
  };
  const write = (newest: Record<string, number>) => {
    storeElsewhere(newest);
    for (const listener of listeners) listener(new Map(Object.entries(newest)));
  };
  return { store, write, storeElsewhere, asked: () => asked };
}

const settledWithin = async (p: Promise<void>, ms: number) =>
  Promise.race([p.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

describe('storeWatch', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets a batch go on as soon as the store tells its readings are stored, without asking it again', async () => {
    const { store, write, asked } = fakeStore({ tells: true });
    const until = storeWatch(store, logger);
    const waiting = until(
      new Map([
        ['m1', 200],
        ['m2', 100],
      ]),
    );
    await vi.waitFor(() => expect(asked()).toBe(1)); // the first look: not stored yet
    write({ m1: 200 });
    expect(await settledWithin(waiting, 20)).toBe(false); // m2 still missing
    write({ m2: 150 });
    expect(await settledWithin(waiting, 20)).toBe(true);
    expect(asked()).toBe(1);
    // What was told stays known: a later batch of readings already stored goes on without a query.
    expect(await settledWithin(until(new Map([['m2', 120]])), 5)).toBe(true);
    expect(asked()).toBe(1);
  });

  it('still finds, by asking, what another process stored: every second when told, every 50 ms when not', async () => {
    for (const [tells, within] of [
      [true, 1_500],
      [false, 200],
    ] as const) {
      const { store, storeElsewhere, asked } = fakeStore({ tells });
      const until = storeWatch(store, logger);
      const waiting = until(new Map([['m1', 100]]));
      await vi.waitFor(() => expect(asked()).toBe(1));
      storeElsewhere({ m1: 100 });
      expect(await settledWithin(waiting, within)).toBe(true);
      expect(asked()).toBe(2);
    }
  });

  it('lets a batch go after 5 s of waiting, however the store answers', async () => {
    vi.useFakeTimers();
    const { store } = fakeStore({ tells: true });
    const until = storeWatch(store, logger);
    let done = false;
    void until(new Map([['m1', 100]])).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(4_000);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(done).toBe(true);
  });
});
