import { describe, expect, it } from 'vitest';
import type { PartitionState } from '../src/derive-changes.ts';
import { STATE_KEYS } from '../src/notifier-groups.ts';
import { partitionStateJournal } from '../src/partition-state-journal.ts';

/** The notifier-state store as the catalog keeps it: entries replaced one by one, read back by prefix. */
function stateStore() {
  const entries = new Map<string, string>();
  return {
    write: (items: [string, unknown][]) => {
      for (const [key, value] of items) entries.set(key, JSON.stringify(value));
    },
    load: (prefix: string) =>
      new Map(
        [...entries].filter(([key]) => key.startsWith(prefix)).map(([key, json]) => [key, JSON.parse(json) as unknown]),
      ),
    keys: () => [...entries.keys()],
    bytes: (items: [string, unknown][]) => items.reduce((n, [, value]) => n + JSON.stringify(value).length, 0),
  };
}
type Store = ReturnType<typeof stateStore>;

const restart = (store: Store) => {
  const journal = partitionStateJournal();
  const states = journal.restore(store.load(STATE_KEYS.partitionPrefix), store.load(STATE_KEYS.seriesPrefix));
  return { journal, states };
};

const KEY = STATE_KEYS.partition('medido.measurements.v1', 3);
const seriesOf = (meters: number, t: number) =>
  Object.fromEntries(Array.from({ length: meters }, (_, m) => [`meter-${m}\u0000energy`, t]));

/** Seeded, so a failure repeats. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('the partition state journal', () => {
  it('writes what a save changed, not every series the partition holds', () => {
    const store = stateStore();
    const { journal } = restart(store);
    const first: PartitionState = { offset: '100', series: seriesOf(500, 1_000) };
    const snapshot = journal.propose(KEY, first);
    store.write(snapshot.entries);
    snapshot.commit();
    // Three of the 500 meters report again.
    const next: PartitionState = {
      offset: '130',
      series: {
        ...first.series,
        'meter-7\u0000energy': 2_000,
        'meter-8\u0000energy': 2_000,
        'meter-9\u0000energy': 2_000,
      },
    };
    const delta = journal.propose(KEY, next);
    store.write(delta.entries);
    delta.commit();

    expect(store.bytes(delta.entries)).toBeLessThan(store.bytes(snapshot.entries) / 50);
    expect(restart(store).states.get(KEY)).toEqual(next);
  });

  it('reads back, after any save, the last state whose save reached the store — failed and half-landed saves included', () => {
    const next = random(13);
    const store = stateStore();
    let { journal } = restart(store);
    const keys = [0, 1, 2].map((p) => STATE_KEYS.partition('medido.measurements.v1', p));
    const current = new Map<string, PartitionState>();
    const landed = new Map<string, PartitionState>();
    const committed = new Map<string, PartitionState>();
    let snapshots = 0;
    for (let step = 0; step < 3_000; step++) {
      // A group of the partitions' new states: a few meters advance, now and then a new meter appears.
      const group = keys
        .filter(() => next() < 0.6)
        .map((key) => {
          const before = current.get(key) ?? { offset: null, series: {} };
          const series = { ...before.series };
          const meters = Object.keys(series).length;
          const advancing = 1 + Math.floor(next() ** 2 * 40);
          for (let i = 0; i < advancing; i++) {
            const m = next() < 0.05 ? meters : Math.floor(next() * Math.max(1, meters));
            series[`meter-${m}\u0000energy`] = step * 1_000 + i;
          }
          const state = { offset: String(step), series };
          current.set(key, state);
          return { key, state, save: journal.propose(key, state) };
        });
      snapshots += group.filter((g) => g.save.entries[0]![0] === g.key).length;
      const outcome = next();
      // 90 %: stored and committed; otherwise the write fails having stored each entry or not (no transactions).
      for (const g of group) {
        if (outcome < 0.9 || next() < 0.5) {
          store.write(g.save.entries);
          landed.set(g.key, g.state);
        }
      }
      if (outcome < 0.9) for (const g of group) g.save.commit();
      // After a failed save the notifier derives again from the last state it saved: the next state of
      // such a partition may have changed fewer series than the one that failed (and may have landed).
      else for (const g of group) current.set(g.key, committed.get(g.key) ?? { offset: null, series: {} });
      if (outcome < 0.9) for (const g of group) committed.set(g.key, g.state);
      // A restart (a crash after the write) now and then: the new process goes on from what it read.
      if (next() < 0.1) {
        const restarted = restart(store);
        expect(restarted.states).toEqual(landed);
        journal = restarted.journal;
        for (const [key, state] of restarted.states) {
          current.set(key, state);
          committed.set(key, state);
        }
      }
    }
    expect(restart(store).states).toEqual(landed);
    // Snapshots are the exception, and the store holds a bounded number of documents per partition.
    expect(snapshots).toBeLessThan(3_000 * 0.6 * 3 * 0.3);
    expect(store.keys().length).toBeLessThanOrEqual(keys.length * 33);
  });

  it('reads a state saved before deltas existed (no generation) and goes on from it', () => {
    const store = stateStore();
    const old = { offset: '41', series: [['m-1\u0000energy', 5_000]] };
    store.write([[KEY, old]]);
    const { journal, states } = restart(store);
    expect(states.get(KEY)).toEqual({ offset: '41', series: { 'm-1\u0000energy': 5_000 } });
    const state = { offset: '42', series: { 'm-1\u0000energy': 6_000 } };
    const save = journal.propose(KEY, state);
    store.write(save.entries);
    save.commit();
    expect(restart(store).states.get(KEY)).toEqual(state);
  });
});
