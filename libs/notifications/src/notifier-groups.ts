/**
 * The notifier's consumer group: its own, so it reads the measurements topic at its own pace (a slow
 * notifier never delays the read models, a replay of them never re-notifies), and its offsets mean
 * "changes derived and appended to the change log".
 */
export const NOTIFIER_GROUP = 'medido-notifier';

/** Keys of the notifier's state entries (catalog NotifierStateStore). */
export const STATE_KEYS = {
  partitionPrefix: 'partition/',
  partition: (topic: string, partition: number) => `partition/${topic}/${partition}`,
  /** What one save changed after a partition's snapshot (partition-state-journal.ts), in slot `seq`. */
  seriesPrefix: 'series/',
  seriesDelta: (partitionKey: string, seq: number) => `series/${partitionKey.slice('partition/'.length)}/${seq}`,
  /** The last offset of a partition's derivation, saved before its changes are appended (notifier.ts). */
  cutPrefix: 'cut/',
  cut: (topic: string, partition: number) => `cut/${topic}/${partition}`,
  dayPrefix: 'day/',
  day: (installationId: string) => `day/${installationId}`,
} as const;
