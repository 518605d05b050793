import type { ReadingQuality, VariableKind } from '@medido/contracts';
import type { Buckets } from './buckets.ts';

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
/** Where an answer is read from: the deduplicated raw table or a rollup (UTC 15 min / 1 h, calendar day). */
export type MeasurementsSource = 'raw' | '15m' | '1h' | '1d';

export interface SeriesRequest {
  deviceId: string;
  variable: string;
  kind: VariableKind;
  aggregation: Aggregation;
  /**
   * Several aggregations of the same buckets, from the same rows of one statement (`aggregation` is then
   * the first): each point carries them in `values`, in this order. Each at most once.
   */
  aggregations?: Aggregation[] | undefined;
  /**
   * Series with the same group are combined by the engine, bucket by bucket, and answered as one result
   * (under the group's first series): delta, sum and count add up, min and max take the extremes, avg is
   * the mean of all the group's readings. Members share their aggregations, not first or last.
   */
  group?: string | undefined;
}

export interface MeasurementsQuery {
  series: SeriesRequest[];
  /** Half-open window [from, to), ms since epoch. */
  from: number;
  to: number;
  frequency: Frequency;
  /** IANA zone for calendar buckets (≥ 1 day) and the wall-clock alignment of 15m/1h buckets. */
  timezone: string;
  /**
   * The buckets to answer on, as `bucketsOf(frequency, from, to, timezone)` gives them: a caller that
   * already holds its grid passes it, so the window is cut into buckets once. Computed when absent.
   */
  buckets?: Buckets;
  /**
   * For tests and benchmarks only: serve from this source instead of the planner's choice (the
   * coarsest exact one). Throws MEASUREMENTS_PARAMETER_INVALID when that source cannot answer exactly.
   */
  source?: MeasurementsSource;
}

export interface RawPoint {
  ts: number;
  value: number;
  quality: ReadingQuality;
}
/**
 * One bucket with data [start, end) (ms since epoch; clipped to the window): a store answers only
 * buckets that hold data, as a GROUP BY does; filling the others is the reader's (the read API's).
 * `count` is the number of readings the value comes from: readings with start ≤ ts < end, or for
 * `delta` (alone) the increases attributed to the bucket (readings with start < ts ≤ end that have a
 * predecessor). `estimated` and `substituted` are how many of those readings (for delta: of the
 * readings closing those increases) had that quality; the others were measured.
 */
export interface BucketPoint {
  /** The bucket's index in the query's buckets: start = edges[i], end = edges[i + 1]. */
  i: number;
  start: number;
  end: number;
  value: number | null;
  count: number;
  estimated: number;
  substituted: number;
  /** With `aggregations`: the value of each, in that order (null where the bucket has nothing for it). */
  values?: (number | null)[];
}

export interface SeriesResult {
  deviceId: string;
  variable: string;
  aggregation: Aggregation;
  points: RawPoint[] | BucketPoint[];
  /** Latest ingestedAt among the series' readings, or null when it has none. */
  lastIngestedAt: number | null;
}

/** A statement as the store runs it (parameterised), for benchmarks that run it directly as a baseline. */
export interface PlannedStatement {
  /**
   * `predecessor`: a lookup the answer's statements depend on (where a delta scan starts, which buckets
   * the rollups may not include yet); `freshness`: lastIngestedAt; `points`: the answer (one statement,
   * or rollup rows plus raw rows for disjoint buckets).
   */
  role: 'predecessor' | 'freshness' | 'points';
  sql: string;
  params: Record<string, unknown>;
  /** Its rows are read as Arrow columns (FORMAT ArrowStream: bucket statements), else as JSON arrays. */
  columnar?: true;
  /**
   * A points statement that looks up its own predecessors (rollup-answer-statement.ts): how many series
   * the lookup must find for its rows to hold; fewer, and the answer is asked again with lookups in turn.
   */
  predecessorsNeeded?: number;
}
export interface QueryPlan {
  source: MeasurementsSource;
  /** Every statement `query` runs, in order, with the parameters it would give them now. */
  statements: PlannedStatement[];
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
  /** Series in the order requested. Throws TIMEZONE_UNKNOWN or MEASUREMENTS_WINDOW_INVALID (400). */
  query(query: MeasurementsQuery): Promise<SeriesResult[]>;
  /** The source and SQL `query` would run, without running it (benchmarks; in-memory fakes may omit it). */
  explain?(query: MeasurementsQuery): Promise<QueryPlan>;
  /**
   * One step of the background rollup maintenance: folds the writes not yet rolled up into the rollups
   * (answers are exact before and after; this only moves work from query time to here). The projector
   * runs it in a loop (rollup-maintenance.ts); in-memory fakes may omit it.
   */
  refreshRollups?(): Promise<RollupRefresh>;
  /** Latest reading time per device (lastSeenAt in the catalog). */
  lastSeen(deviceIds: string[]): Promise<Map<string, number>>;
  /**
   * Calls `listener` after each insert of this store object has stored its readings, with the newest ts
   * per device it wrote: a reader in the same process learns what `lastSeen` would answer without asking
   * the engine again and again. Writes of other processes are not told. Returns the unsubscribe.
   * In-memory fakes may omit it.
   */
  onStored?(listener: StoredListener): () => void;
  /**
   * The newest reading (by ts) of each series asked, from the store's per-series index; series without
   * readings are left out. In no particular order. In-memory fakes may omit it.
   */
  latest?(series: SeriesKey[]): Promise<LatestReading[]>;
  /**
   * Per series asked, its register statement for [from, to) (register-statements.ts defines opening,
   * closing, resets and consumption); series without a reading at or before `to` are left out. In no
   * particular order. In-memory fakes may omit it.
   */
  registerStatements?(series: SeriesKey[], from: number, to: number): Promise<RegisterStatement[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Newest ts (ms) per device of one stored write. */
export type StoredListener = (newest: ReadonlyMap<string, number>) => void;

export interface SeriesKey {
  deviceId: string;
  variable: string;
}
/** A series' newest reading: a StoredReading (its value as stored, not rounded). */
export type LatestReading = StoredReading;

/** A reading of a register statement, its value as stored (not rounded). */
export interface RegisterReading {
  ts: number;
  value: number;
  quality: ReadingQuality;
}
/** A register reset inside a period: the reading before it and the lower one after it. */
export interface RegisterReset {
  before: { ts: number; value: number };
  after: { ts: number; value: number };
}
/** One series' statement for a period: Float64 values as the engine computed them (not rounded). */
export interface RegisterStatement {
  deviceId: string;
  variable: string;
  /** The last reading at or before the period's start, else the first inside it; null when neither exists. */
  opening: RegisterReading | null;
  /** The last reading at or before the period's end. */
  closing: RegisterReading;
  /** In time order. */
  resets: RegisterReset[];
  /** Sum of the increases closed inside (from, to], as `delta` adds them; 0 with none. */
  consumption: number;
  increases: number;
  /** Increases closed by an estimated / substituted reading. */
  estimated: number;
  substituted: number;
}

/** What one rollup refresh did: dirty marks folded in (one per write and series), series recomputed. */
export interface RollupRefresh {
  marks: number;
  series: number;
}
