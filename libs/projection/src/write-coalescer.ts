import { createHash } from 'node:crypto';
import type { MeasurementsStore, StoredReading } from '@medido/measurements';

interface Waiting {
  rows: StoredReading[];
  token: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the measurements store: the batches of several partitions that arrive while a
 * write is running are written together by the next one. A store write has a fixed cost (two
 * INSERTs — readings, and the dirty marks the background rollup refresh folds in — whatever the size),
 * so under load one write per partition batch would spend much of its time on that cost; under light
 * load a batch still goes out alone, at once. ClickHouse also prefers fewer, larger inserts (each
 * makes a part).
 *
 * Exactly-once effect is unchanged: the token of a joint write is derived from its batches' tokens
 * (the same batches always give the same token, so a retried write is dropped by the engine), and
 * when a retry groups batches differently the store's (device, variable, ts) deduplication keeps
 * every reading once. A failed joint write is tried again batch by batch, so each batch fails (and is
 * retried by the bus, alone with its partition) or succeeds on its own.
 */
export function coalescingStore(store: MeasurementsStore, options: { maxRows?: number } = {}): MeasurementsStore {
  const maxRows = options.maxRows ?? 200_000;
  const queue: Waiting[] = [];
  let writing = false;

  async function drain(): Promise<void> {
    try {
      while (queue.length > 0) {
        const group: Waiting[] = [queue.shift()!];
        let rows = group[0]!.rows.length;
        while (queue.length > 0 && rows + queue[0]!.rows.length <= maxRows) {
          rows += queue[0]!.rows.length;
          group.push(queue.shift()!);
        }
        try {
          await store.insert(
            group.length === 1 ? group[0]!.rows : group.flatMap((w) => w.rows),
            jointToken(group.map((w) => w.token)),
          );
          for (const w of group) w.resolve();
        } catch (error) {
          if (group.length === 1) group[0]!.reject(error);
          // Written alone, each batch fails or succeeds on its own: a batch the store refuses must not
          // hold back the other partitions' batches it happened to be grouped with.
          else for (const w of group) await store.insert(w.rows, w.token).then(w.resolve, w.reject);
        }
      }
    } finally {
      writing = false;
    }
  }

  return {
    ...store,
    insert(rows, token) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ rows, token, resolve, reject });
        if (writing) return;
        writing = true;
        // Partitions fetched together are handed over in the same turn: let them all join the first write.
        setImmediate(() => void drain());
      });
    },
  };
}

/** One batch keeps its own token; several get a digest of their sorted tokens (bounded length). */
export function jointToken(tokens: string[]): string {
  if (tokens.length === 1) return tokens[0]!;
  const digest = createHash('sha256')
    .update([...tokens].sort().join('\n'))
    .digest('base64url');
  return `joint/${tokens.length}/${digest}`;
}
