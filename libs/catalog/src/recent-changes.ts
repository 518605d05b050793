import { cursorOf, sequenceOf } from './change-cursor.ts';
import type { AppendOptions, ChangeFilter, ChangeLogStore, ChangeRecord } from './change-log.port.ts';

/** Changes kept in memory (~25 MB): 25 s of the bench's 2 000 changes/s; a reader further behind reads the store. */
const DEFAULT_CAPACITY = 50_000;

/** Whether a record is in a filter's scope: the same AND of the adapters' queries (empty lists match nothing). */
export function changeMatches(filter: ChangeFilter, record: ChangeRecord): boolean {
  if (filter.organizationIds && !filter.organizationIds.includes(record.organizationId)) return false;
  if (filter.installationIds && !filter.installationIds.includes(record.installationId)) return false;
  if (filter.unitId !== undefined && record.unitId !== filter.unitId) return false;
  if (filter.types && !filter.types.includes(record.type)) return false;
  if (filter.deviceIds && !record.deviceIds.some((id) => filter.deviceIds!.includes(id))) return false;
  return true;
}

/**
 * The change log with a window of what THIS process appended, for the readers in the same process (the
 * webhook worker runs beside the notifier, the log's single writer): a reader at or past the window's
 * start is answered from memory, anyone else from the store. On FerretDB every `changesAfter` scans the
 * whole log (docs/benchmarks.md), so a worker polling every 200 ms would otherwise hold it busy.
 *
 * Why the answers are the store's: the window starts at the newest cursor the store had before this
 * process's first append (read once), and holds every record appended since, in cursor order — one
 * writer, so nothing else lands there. A failed append may have stored a part unseen, so it closes the
 * window; the next append opens a new one. When the window is full its oldest records leave and its start
 * moves up with them.
 */
export function withRecentChanges<T extends ChangeLogStore>(log: T, capacity = DEFAULT_CAPACITY): T {
  let start: number | null = null; // the window answers every `after` at or past this sequence
  let window: ChangeRecord[] = [];
  let queue: Promise<unknown> = Promise.resolve();
  const listeners = new Set<() => void>();

  async function append(changes: Omit<ChangeRecord, 'cursor'>[], options?: AppendOptions): Promise<ChangeRecord[]> {
    const opening = start === null;
    const before = opening ? sequenceOf((await log.latestCursor()) ?? cursorOf(0)) : null;
    let stored: ChangeRecord[];
    try {
      stored = await log.appendChanges(changes, options);
    } catch (error) {
      start = null;
      window = [];
      throw error;
    }
    if (opening) start = before;
    let last = window.length > 0 ? sequenceOf(window.at(-1)!.cursor) : start!;
    const known = window.length;
    // Records already stored come back with their old cursors: only those past the window's end are new.
    for (const record of [...stored].sort((a, b) => (a.cursor < b.cursor ? -1 : 1))) {
      const sequence = sequenceOf(record.cursor);
      if (sequence <= last) continue;
      window.push(record);
      last = sequence;
    }
    if (window.length > known) for (const listener of listeners) listener();
    if (window.length > capacity) {
      const gone = window.splice(0, window.length - capacity);
      start = sequenceOf(gone.at(-1)!.cursor);
    }
    return stored;
  }

  /** Index of the first window record past `sequence` (the window is in cursor order). */
  function firstAfter(sequence: number): number {
    let lo = 0;
    let hi = window.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sequenceOf(window[mid]!.cursor) <= sequence) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function changesAfter(filter: ChangeFilter, after: string | undefined, limit: number): Promise<ChangeRecord[]> {
    if (start === null || after === undefined || sequenceOf(after) < start)
      return log.changesAfter(filter, after, limit);
    const from = sequenceOf(after);
    const out: ChangeRecord[] = [];
    const max = Math.max(1, Math.floor(limit));
    for (let i = firstAfter(from); i < window.length && out.length < max; i++) {
      if (changeMatches(filter, window[i]!)) out.push(window[i]!);
    }
    return Promise.resolve(out);
  }

  /**
   * The newest cursor: the window's last record, or its start while it is empty. The webhook worker asks
   * at every poll, and on FerretDB the store answers by sorting the whole log (seconds once it holds tens
   * of thousands of changes: the worker then fell ~20 s behind the notifier in the webhooks bench).
   */
  function latestCursor(): Promise<string | null> {
    if (start === null) return log.latestCursor();
    const last = window.at(-1);
    return Promise.resolve(last ? last.cursor : start === 0 ? null : cursorOf(start));
  }

  return new Proxy(log, {
    get(target, property, receiver) {
      if (property === 'appendChanges') {
        // One append at a time: the window's order is the cursor order the writer assigned.
        return (changes: Omit<ChangeRecord, 'cursor'>[], options?: AppendOptions) => {
          const run = queue.then(() => append(changes, options));
          queue = run.catch(() => undefined);
          return run;
        };
      }
      if (property === 'changesAfter') return changesAfter;
      if (property === 'latestCursor') return latestCursor;
      if (property === 'onAppended') return (listener: () => void) => void listeners.add(listener);
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
