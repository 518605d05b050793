import type { ChangeEvent } from '@medido/contracts';

/**
 * The change log: every change event the notifier derived, in one total order (the cursor), read by
 * the change feed, the SSE stream and the webhook deliverer. One active notifier writes it (the
 * notifier group's member that holds the partitions), so cursors are assigned in one process and
 * written in cursor order: a reader that saw cursor N never later finds a new record below N.
 * Append is idempotent on the event id: a change re-derived after a crash keeps its first cursor.
 */
export type ChangeRecord = ChangeEvent & {
  /** The meters the change is about (for a device change, its one meter): what scope filters match. */
  deviceIds: string[];
};

/** A scope narrows with AND; `organizationIds` is what the caller may read (public + granted). */
export interface ChangeFilter {
  organizationIds?: string[];
  installationIds?: string[];
  unitId?: string;
  deviceIds?: string[];
  types?: ChangeEvent['type'][];
}

export interface AppendOptions {
  /**
   * The caller knows none of these ids is in the log yet (the notifier, for a partition it has held since
   * its last successful append: only a first batch after a start or a failed attempt can re-derive one),
   * so the lookup of stored ids is skipped. Repeats inside the call still count once.
   */
  unseen?: boolean;
}

export interface ChangeLogWriter {
  /**
   * Appends changes in the given order, assigning increasing cursors; a change whose id is already in
   * the log is skipped (and keeps its first cursor). Returns the records as stored.
   */
  appendChanges(changes: Omit<ChangeRecord, 'cursor'>[], options?: AppendOptions): Promise<ChangeRecord[]>;
}

export interface ChangeLogReader {
  /** Records with cursor > `after` (from the beginning when undefined) matching `filter`, in cursor order. */
  changesAfter(filter: ChangeFilter, after: string | undefined, limit: number): Promise<ChangeRecord[]>;
  /** The newest cursor, or null when the log is empty: where a new subscriber starts. */
  latestCursor(): Promise<string | null>;
  /**
   * True when reads are answered inside this process from indexes (node:sqlite): an in-memory window of
   * recent changes (recent-changes.ts) saves nothing there and only holds memory.
   */
  readonly readsLocally?: boolean;
  /**
   * Calls `listener` after each append that stored new changes, where the log knows (the in-process
   * window beside its writer, recent-changes.ts): a reader there can look at once instead of at its next poll.
   */
  onAppended?(listener: () => void): void;
}

export interface ChangeLogStore extends ChangeLogWriter, ChangeLogReader {}
