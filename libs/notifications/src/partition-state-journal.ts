import type { PartitionState } from './derive-changes.ts';
import { STATE_KEYS } from './notifier-groups.ts';

/**
 * Series watermarks are stored as pairs, not as an object: series keys hold a NUL separator and meter
 * ids may hold dots, neither of which MongoDB accepts in a field name.
 */
type Pairs = [string, number][];
/** A partition's whole state. Saved before generations existed it has none: generation 0. */
interface StoredSnapshot {
  offset: string | null;
  series: Pairs;
  generation?: number;
}
/** What one save changed after the snapshot of its generation (and the deltas before it). */
interface StoredDelta {
  partition: string;
  generation: number;
  seq: number;
  offset: string | null;
  series: Pairs;
}

/** Deltas a generation may hold before the next save is a snapshot: what a restart reads at most per partition. */
const MAX_DELTAS = 32;
/**
 * A generation's deltas may hold at most this many series entries per series of its snapshot (or of
 * SMALL_STATE_SERIES, for small states) before the next save is a snapshot: what is stored stays within
 * three times the state, and a save writes about what it changed plus a share of the next snapshot.
 */
const CHAIN_PER_SNAPSHOT_SERIES = 2;
const SMALL_STATE_SERIES = 64;

interface Saved {
  generation: number;
  /** The next delta's number in the generation. */
  seq: number;
  snapshotSeries: number;
  /** Series entries the generation's deltas hold together. */
  chained: number;
  state: PartitionState;
}

/**
 * How the notifier saves each partition's state: now and then the whole of it (a snapshot), between
 * snapshots only the series one save changed (a delta), so a save costs what its batches changed, not
 * every series the partition ever saw. Why: every append group saved its partitions' whole watermark
 * maps, 10-16 MB of documents per 20 s at 20 000 readings/s in the freshness bench (FerretDB: ~20 ms
 * of its CPU for a group of 8 partitions of 625 series, ~5 ms for 8 small documents), and the maps
 * grow with every meter.
 *
 * Crash safety rests on single-document writes only (FerretDB has no transactions): a snapshot carries
 * the next generation, and a restart applies just the deltas of the snapshot's generation, in order.
 * A save that failed (its proposal never committed) may have landed or not, and the notifier then
 * derives again from the last state it saved, possibly changing fewer series: so the next save of that
 * partition is a snapshot, which supersedes whatever landed. Delta slots are reused by later
 * generations, so a partition holds at most MAX_DELTAS + 1 documents.
 */
export function partitionStateJournal() {
  const saved = new Map<string, Saved>();
  /** Partitions whose last proposal was not committed: a failed save. */
  const pending = new Set<string>();

  return {
    /** The partitions' states from the stored entries (snapshots under `partition/`, deltas under `series/`). */
    restore(snapshots: Map<string, unknown>, deltas: Map<string, unknown>): Map<string, PartitionState> {
      const states = new Map<string, PartitionState>();
      const chains = new Map<string, StoredDelta[]>();
      for (const value of deltas.values()) {
        const delta = value as StoredDelta;
        const chain = chains.get(delta.partition);
        if (chain) chain.push(delta);
        else chains.set(delta.partition, [delta]);
      }
      for (const [key, value] of snapshots) {
        const snapshot = value as StoredSnapshot;
        const generation = snapshot.generation ?? 0;
        const series: Record<string, number> = Object.fromEntries(snapshot.series);
        let offset = snapshot.offset;
        // Slots of older generations hold what their snapshot superseded: only this generation's count.
        const chain = (chains.get(key) ?? []).filter((d) => d.generation === generation).sort((a, b) => a.seq - b.seq);
        let chained = 0;
        for (const delta of chain) {
          for (const [k, t] of delta.series) series[k] = t;
          offset = delta.offset;
          chained += delta.series.length;
        }
        const state = { offset, series };
        states.set(key, state);
        saved.set(key, {
          generation,
          seq: chain.length === 0 ? 0 : chain[chain.length - 1]!.seq + 1,
          snapshotSeries: snapshot.series.length,
          chained,
          state,
        });
      }
      return states;
    },

    /**
     * The entries that save `state` as the partition's (a snapshot or a delta), and `commit`, to call once
     * they are stored. Saves of one partition must not overlap (the notifier's log has one writer).
     */
    propose(key: string, state: PartitionState): { entries: [string, unknown][]; commit: () => void } {
      const last = pending.has(key) ? undefined : saved.get(key);
      pending.add(key);
      const changed: Pairs = [];
      if (last) for (const [k, t] of Object.entries(state.series)) if (last.state.series[k] !== t) changed.push([k, t]);
      const deltaFits =
        last !== undefined &&
        last.seq < MAX_DELTAS &&
        last.chained + changed.length <= CHAIN_PER_SNAPSHOT_SERIES * Math.max(last.snapshotSeries, SMALL_STATE_SERIES);
      if (deltaFits) {
        const delta: StoredDelta = {
          partition: key,
          generation: last.generation,
          seq: last.seq,
          offset: state.offset,
          series: changed,
        };
        return {
          entries: [[STATE_KEYS.seriesDelta(key, last.seq), delta]],
          commit: () => {
            pending.delete(key);
            saved.set(key, { ...last, seq: last.seq + 1, chained: last.chained + changed.length, state });
          },
        };
      }
      // A failed snapshot that landed had this generation too: it holds no deltas yet, so this one replaces it.
      const generation = (saved.get(key)?.generation ?? 0) + 1;
      const snapshot: StoredSnapshot = { offset: state.offset, series: Object.entries(state.series), generation };
      return {
        entries: [[key, snapshot]],
        commit: () => {
          pending.delete(key);
          saved.set(key, { generation, seq: 0, snapshotSeries: snapshot.series.length, chained: 0, state });
        },
      };
    },
  };
}
export type PartitionStateJournal = ReturnType<typeof partitionStateJournal>;
