import type { IngestReading } from '@medido/contracts';
import type { DeliveryPlanner } from './delivery-planner.ts';
import type { DemoFleet } from './demo-fleet.ts';
import type { FleetSimulation } from './fleet-readings.ts';
import { statusChanged } from './fleet-catalog.ts';
import type { IngestSender } from './ingest-sender.ts';
import type { SimulatorLogger, SimulatorProgress } from './simulator-options.ts';

/** What the catalog, backfill and live phases share while one simulator runs. */
export interface RunContext {
  fleet: DemoFleet;
  batchSize: number;
  speed: number;
  intervalMs: number | undefined;
  now: () => number;
  logger: SimulatorLogger;
  sender: IngestSender;
  simulation: FleetSimulation;
  planner: DeliveryPlanner;
  progress: SimulatorProgress;
  /** First backfilled instant; the catalog is registered as of then. */
  from: number;
  /** Last backfilled instant: the start time, on the 15-minute grid. */
  anchor: number;
  /** Device id → instant it stopped reporting. */
  offline: Map<string, number>;
  offlineAnnounced: Set<string>;
  /** The newest instant generated so far. */
  lastInstant: number | undefined;
  /** Interrupts waits once `stop()` was called. */
  softStop: AbortSignal;
}

/** Announces `offline` for each meter that stopped reporting at or before `upTo`, once, with the instant it stopped. */
export async function announceOffline(ctx: RunContext, upTo: number): Promise<void> {
  const due = [...ctx.offline].filter(([id, at]) => at <= upTo && !ctx.offlineAnnounced.has(id));
  if (due.length === 0) return;
  await ctx.sender.events(due.map(([id, at]) => statusChanged(id, 'offline', at)));
  for (const [id] of due) ctx.offlineAnnounced.add(id);
}

/** On the way out: sends what the late meter's pipeline still held (and `unsent`), once, without retrying past the stop. */
export async function flushHeld(ctx: RunContext, unsent: IngestReading[] = []): Promise<void> {
  const held = [...ctx.planner.drain(), ...unsent];
  if (held.length === 0) return;
  try {
    await ctx.sender.readings(held);
  } catch (error) {
    ctx.logger.warn(
      { unsent: held.length, reason: error instanceof Error ? error.message : String(error) },
      'stopping: readings not sent',
    );
  }
}
