import type { IngestReading } from '@medido/contracts';
import { registrationRequests } from './fleet-catalog.ts';
import { READING_INTERVAL_MS } from './demo-fleet.ts';
import { announceOffline, flushHeld, type RunContext } from './run-context.ts';

/** Registers the fleet (as of the backfill's first instant) and marks meters offline before that instant. */
export async function registerFleet(ctx: RunContext): Promise<void> {
  for (const events of registrationRequests(ctx.fleet, ctx.from)) await ctx.sender.events(events);
  await announceOffline(ctx, ctx.from);
}

/**
 * Sends every 15-minute reading from `from` to `anchor` in requests of `batchSize` fresh readings
 * (plus the designed re-sends and late readings), oldest first, one request at a time. Returns early,
 * between requests, once the simulator is stopping, after sending what was held back.
 */
export async function backfill(ctx: RunContext, stopping: () => boolean): Promise<void> {
  let pending: IngestReading[] = [];
  const send = async (batch: IngestReading[], final: boolean) => {
    await ctx.sender.readings(ctx.planner.next(batch, final));
    const last = batch.at(-1);
    if (last) await announceOffline(ctx, Date.parse(last.ts));
  };
  for (let t = ctx.from; t <= ctx.anchor; t += READING_INTERVAL_MS) {
    for (const r of ctx.simulation.readingsAt(t)) pending.push(r);
    ctx.lastInstant = t;
    while (pending.length >= ctx.batchSize) {
      if (stopping()) return flushHeld(ctx);
      const batch = pending.slice(0, ctx.batchSize);
      pending = pending.slice(ctx.batchSize);
      await send(batch, t === ctx.anchor && pending.length === 0);
    }
  }
  if (stopping()) return flushHeld(ctx);
  // The last request also carries whatever the late meter's pipeline still held back.
  await send(pending, true);
  await announceOffline(ctx, ctx.anchor);
}
