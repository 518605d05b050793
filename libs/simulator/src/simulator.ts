import { MedidoError } from '@medido/platform';
import { backfill, registerFleet } from './backfill.ts';
import { DeliveryPlanner } from './delivery-planner.ts';
import { DEMO_FLEET, READING_INTERVAL_MS } from './demo-fleet.ts';
import { alignDown, FleetSimulation, offlineInstants } from './fleet-readings.ts';
import { IngestSender } from './ingest-sender.ts';
import { live } from './live-loop.ts';
import { DAY_MS } from './local-clock.ts';
import { stderrLogger } from './cli-output.ts';
import type { RunContext } from './run-context.ts';
import {
  MAX_BATCH_SIZE,
  MAX_SPEED,
  SIMULATOR_DEFAULTS,
  type SimulatorOptions,
  type SimulatorProgress,
  type SimulatorSummary,
} from './simulator-options.ts';

export interface RunningSimulator {
  /** Settles when the backfill is sent (or the simulator stopped first: `completed` false); rejects on a fatal error. */
  backfillDone: Promise<SimulatorSummary>;
  /** Settles when the simulator has stopped: after `stop()`, or after the backfill when live mode is off. */
  finished: Promise<void>;
  /** Stops between requests, lets a request in flight finish (within `stopGraceMs`) and sends what was held back. */
  stop(): Promise<void>;
  /** A snapshot of what was sent so far. */
  readonly progress: SimulatorProgress;
}

/** The options with their defaults, checked; a bad one throws REQUEST_INVALID before anything is sent. */
export function resolveSimulatorOptions(options: SimulatorOptions) {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as SimulatorOptions;
  const o = { ...SIMULATOR_DEFAULTS, fleet: DEMO_FLEET, now: Date.now, logger: stderrLogger(), ...given };
  const problem = !o.url
    ? 'url is required'
    : !o.token
      ? 'an ingest token is required'
      : !Number.isInteger(o.days) || o.days < 0 || o.days > 3660
        ? 'days must be an integer from 0 to 3660'
        : !Number.isInteger(o.batchSize) || o.batchSize < 1 || o.batchSize > MAX_BATCH_SIZE
          ? `batch size must be an integer from 1 to ${MAX_BATCH_SIZE}`
          : !(o.speed > 0 && o.speed <= MAX_SPEED)
            ? `speed must be above 0 and at most ${MAX_SPEED}`
            : o.intervalMs !== undefined && !(o.intervalMs >= 100)
              ? 'interval must be at least 100 ms'
              : undefined;
  if (problem) throw new MedidoError('REQUEST_INVALID', `simulator: ${problem}`);
  return o;
}

/**
 * Starts the meter simulator: registers the demo fleet, backfills `days` of readings up to now through
 * the ingestor's public endpoints, then (live) keeps sending the newest readings. Returns at once; the
 * caller decides whether to await `backfillDone`.
 */
export function startSimulator(options: SimulatorOptions): RunningSimulator {
  const o = resolveSimulatorOptions(options);
  const softStop = new AbortController();
  const hardStop = new AbortController();
  let stopping = false;
  const anchor = alignDown(o.now(), READING_INTERVAL_MS);
  const from = anchor - o.days * DAY_MS;
  const offline = offlineInstants(o.fleet, anchor);
  const progress: SimulatorProgress = {
    phase: 'catalog',
    from: new Date(from).toISOString(),
    to: new Date(anchor).toISOString(),
    daysTotal: o.days,
    daysDone: 0,
    readingsSent: 0,
    resent: 0,
    late: 0,
    requests: 0,
    retries: 0,
    rejected: 0,
    catalogEvents: 0,
    readingsPerSecond: 0,
    liveTicks: 0,
    lastReadingAt: null,
  };
  const planner = new DeliveryPlanner(o.seed, o.fleet);
  const startedAt = Date.now();
  const snapshot = (): SimulatorProgress => ({ ...Object.assign(progress, planner.stats) });
  const notify = () => {
    Object.assign(progress, planner.stats);
    if (progress.phase === 'backfill') {
      progress.readingsPerSecond = Math.round(progress.readingsSent / Math.max(0.001, (Date.now() - startedAt) / 1000));
      const newest = progress.lastReadingAt === null ? from : Date.parse(progress.lastReadingAt);
      progress.daysDone = Math.min(o.days, Math.floor((newest - from) / DAY_MS));
    }
    o.onProgress?.({ ...progress });
  };
  const sender = new IngestSender({
    url: o.url,
    token: o.token,
    retryBudgetMs: o.retryBudgetMs,
    logger: o.logger,
    progress,
    hardStop: hardStop.signal,
    softStop: softStop.signal,
    onSent: notify,
  });
  const ctx: RunContext = {
    fleet: o.fleet,
    batchSize: o.batchSize,
    speed: o.speed,
    intervalMs: o.intervalMs,
    now: o.now,
    logger: o.logger,
    sender,
    planner,
    progress,
    simulation: new FleetSimulation({ seed: o.seed, fleet: o.fleet, offline }),
    from,
    anchor,
    offline,
    offlineAnnounced: new Set(),
    lastInstant: undefined,
    softStop: softStop.signal,
  };
  const isStopping = () => stopping;
  const fail = (error: unknown) => {
    progress.phase = 'failed';
    notify();
    o.logger.error({ err: error }, 'meter simulator failed');
    throw error;
  };
  const summary = (completed: boolean): SimulatorSummary => {
    const { phase: _phase, liveTicks: _ticks, ...rest } = snapshot();
    return { ...rest, durationMs: Date.now() - startedAt, completed };
  };

  const backfillDone = (async () => {
    try {
      notify();
      await registerFleet(ctx);
      progress.phase = 'backfill';
      notify();
      await backfill(ctx, isStopping);
      const done = summary(!stopping);
      o.logger.info(done, stopping ? 'backfill interrupted' : 'backfill sent');
      return done;
    } catch (error) {
      if (stopping) return summary(false);
      return fail(error);
    }
  })();
  const finished = backfillDone.then(async () => {
    if (o.live && !stopping) {
      progress.phase = 'live';
      notify();
      await live(ctx, isStopping).catch((error: unknown) => (stopping ? undefined : fail(error)));
    }
    progress.phase = 'stopped';
    notify();
  });
  // The embedded default does not await these: the failure is logged above, not left unhandled.
  backfillDone.catch(() => undefined);
  finished.catch(() => undefined);

  return {
    backfillDone,
    finished,
    get progress() {
      return snapshot();
    },
    async stop() {
      if (!stopping) {
        stopping = true;
        softStop.abort();
        const timer = setTimeout(() => hardStop.abort(), o.stopGraceMs);
        timer.unref();
        await finished.catch(() => undefined);
        clearTimeout(timer);
      }
      await finished.catch(() => undefined);
    },
  };
}
