import { setTimeout as sleep } from 'node:timers/promises';
import type { IngestReading } from '@medido/contracts';
import { isMedidoError } from '@medido/platform';
import { READING_INTERVAL_MS } from './demo-fleet.ts';
import { alignDown } from './fleet-readings.ts';
import { flushHeld, type RunContext } from './run-context.ts';

/** Meters report a moment after the quarter hour; it also keeps readings from racing the ingestor's clock. */
const REPORT_LAG_MS = 250;

/** The live cadence: 15 minutes, or 15 minutes ÷ speed for demos, never under a second. */
export function liveStepMs(speed: number): number {
  return Math.max(1000, Math.round(READING_INTERVAL_MS / speed));
}

/**
 * Live mode: at every reading instant (or every `intervalMs`), sends the readings due since the last
 * one sent. Readings the ingestor could not take within the retry budget stay queued for the next
 * tick, as a pipeline's outbox would keep them. Returns once the simulator is stopping, after sending
 * what the late meter's pipeline still held back.
 */
export async function live(ctx: RunContext, stopping: () => boolean): Promise<void> {
  const step = liveStepMs(ctx.speed);
  let queue: IngestReading[] = [];
  while (!stopping()) {
    const due = alignDown(ctx.now(), step);
    for (let t = nextInstant(ctx.lastInstant, step, due); t <= due; t += step) {
      for (const r of ctx.simulation.readingsAt(t)) queue.push(r);
      ctx.lastInstant = t;
    }
    try {
      while (queue.length > 0 && !stopping()) {
        const batch = queue.slice(0, ctx.batchSize);
        await ctx.sender.readings(ctx.planner.next(batch, false));
        queue = queue.slice(batch.length);
      }
      ctx.progress.liveTicks++;
    } catch (error) {
      if (stopping()) break;
      if (!isMedidoError(error) || error.code !== 'DEPENDENCY_UNAVAILABLE') throw error;
      ctx.logger.warn(
        { queued: queue.length, reason: error.message },
        'ingestor unavailable; readings stay queued for the next tick',
      );
    }
    const wait = ctx.intervalMs ?? alignDown(ctx.now(), step) + step - ctx.now() + REPORT_LAG_MS;
    try {
      await sleep(Math.max(0, wait), undefined, { signal: ctx.softStop });
    } catch {
      break;
    }
  }
  await flushHeld(ctx, queue);
}

function nextInstant(last: number | undefined, step: number, due: number): number {
  return last === undefined ? due : alignDown(last, step) + step;
}
