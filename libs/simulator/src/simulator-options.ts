import type { DemoFleet } from './demo-fleet.ts';

/** The subset of a pino logger the simulator writes to; a pino logger fits as is. */
export interface SimulatorLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface SimulatorOptions {
  /** Base URL of the ingestor (the embedded default serves it on its one port). */
  url: string;
  /** An ingest credential: sent as `Authorization: Bearer …`. Sensitive. */
  token: string;
  /** Days of history to backfill up to now (default 90). 0: none, straight to live. */
  days?: number;
  /** Seed of every random choice; the same seed gives the same readings (default 'medido-demo'). */
  seed?: string;
  /** Keep sending the newest readings after the backfill (default true). */
  live?: boolean;
  /** Readings per request (default 10 000). */
  batchSize?: number;
  /** Live mode: readings every 15 min ÷ speed instead of every 15 min (default 1, at most 900). */
  speed?: number;
  /** Live mode: how often to send what is due (default: at every reading instant). */
  intervalMs?: number;
  /** How long one request may keep being retried (503, network) before giving up (default 5 min). */
  retryBudgetMs?: number;
  /** How long `stop()` lets a request in flight finish before aborting it (default 10 s). */
  stopGraceMs?: number;
  fleet?: DemoFleet;
  /** The clock (tests pin it). */
  now?: () => number;
  logger?: SimulatorLogger;
  /** Called after every request and phase change, e.g. with `stderrProgress()`. */
  onProgress?: (progress: SimulatorProgress) => void;
}

export const SIMULATOR_DEFAULTS = {
  days: 90,
  seed: 'medido-demo',
  live: true,
  batchSize: 10_000,
  speed: 1,
  retryBudgetMs: 5 * 60_000,
  stopGraceMs: 10_000,
} as const;

export const MAX_BATCH_SIZE = 50_000;
export const MAX_SPEED = 900;

export type SimulatorPhase = 'catalog' | 'backfill' | 'live' | 'stopped' | 'failed';

export interface SimulatorProgress {
  phase: SimulatorPhase;
  /** Backfill window (UTC) and how many of its days are sent. */
  from: string;
  to: string;
  daysTotal: number;
  daysDone: number;
  /** Readings sent, re-sent duplicates included. */
  readingsSent: number;
  /** Copies of already-sent readings sent again, by design. */
  resent: number;
  /** Readings sent after newer ones of the same meter, by design. */
  late: number;
  requests: number;
  retries: number;
  /** Items the ingestor refused; each is also logged as an error. */
  rejected: number;
  catalogEvents: number;
  /** Mean rate of the backfill so far. */
  readingsPerSecond: number;
  liveTicks: number;
  /** The newest reading instant sent. */
  lastReadingAt: string | null;
}

/** What the backfill sent, when it is done. */
export interface SimulatorSummary extends Omit<SimulatorProgress, 'phase' | 'liveTicks'> {
  durationMs: number;
  /** False when `stop()` came first. */
  completed: boolean;
}
