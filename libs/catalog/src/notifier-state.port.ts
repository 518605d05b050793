/**
 * The notifier's own small state (per-partition series watermarks, per-installation closed days) beside
 * the change log it writes: one key → one JSON value, written after the changes they led to were
 * appended, so a crash between the two only makes the notifier derive the same changes again.
 */
export interface NotifierStateStore {
  /** Every entry whose key starts with `prefix`. */
  loadNotifierState(prefix: string): Promise<Map<string, unknown>>;
  /** Upserts the entries (single writer: the active notifier). */
  saveNotifierState(entries: [key: string, value: unknown][]): Promise<void>;
}
