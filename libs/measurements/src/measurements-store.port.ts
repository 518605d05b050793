import type { ReadingQuality, VariableKind } from '@medido/contracts';

/**
 * The measurements store port: ClickHouse server in production, chDB in-process in the embedded
 * default and in tests, both through @clickhouse/client (one SQL code path).
 */

/** A reading as stored: one row per (device, variable, ts). `ts` is ms since epoch, UTC. */
export interface StoredReading {
  deviceId: string;
  variable: string;
  ts: number;
  value: number;
  quality: ReadingQuality;
  /** When the projector received it (freshness). */
  ingestedAt: number;
}

export type Frequency = 'raw' | '15m' | '1h' | '1d' | '1w' | '1mo' | '1y';
export type Aggregation = 'avg' | 'min' | 'max' | 'sum' | 'count' | 'first' | 'last' | 'delta';

export interface SeriesRequest {
  deviceId: string;
  variable: string;
  kind: VariableKind;
  aggregation: Aggregation;
}

export interface MeasurementsQuery {
  series: SeriesRequest[];
  /** Half-open window [from, to), ms since epoch. */
  from: number;
  to: number;
  frequency: Frequency;
  /** IANA zone for calendar buckets (≥ 1 day). */
  timezone: string;
}

export interface RawPoint { ts: number; value: number; quality: ReadingQuality }
export interface BucketPoint { start: number; end: number; value: number | null; count: number }

export interface SeriesResult {
  deviceId: string;
  variable: string;
  aggregation: Aggregation;
  points: RawPoint[] | BucketPoint[];
  /** Latest ingestedAt among the series' readings, or null when it has none. */
  lastIngestedAt: number | null;
}

export interface MeasurementsStore {
  /** Applies versioned migrations; safe to call at every start. */
  migrate(): Promise<void>;
  /**
   * Stores readings exactly once. `dedupToken` identifies the batch (topic/partition/offset range) so a
   * retried batch is dropped by the engine; re-sent readings with an existing (device, variable, ts)
   * are neither stored twice nor counted twice in any rollup.
   */
  insert(readings: StoredReading[], dedupToken: string): Promise<void>;
  query(query: MeasurementsQuery): Promise<SeriesResult[]>;
  /** Latest reading time per device (lastSeenAt in the catalog). */
  lastSeen(deviceIds: string[]): Promise<Map<string, number>>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
