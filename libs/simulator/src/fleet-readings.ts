import type { IngestReading } from '@medido/contracts';
import { DEMO_FLEET, installationOf, READING_INTERVAL_MS, type DemoFleet } from './demo-fleet.ts';
import { DAY_MS } from './local-clock.ts';
import { MeterModel } from './meter-model.ts';

/** The latest instant on the `stepMs` grid at or before `t`. */
export function alignDown(t: number, stepMs: number): number {
  return Math.floor(t / stepMs) * stepMs;
}

/** When each meter with `offlineDaysAgo` stopped reporting, counted back from `anchor` (the simulator's start). */
export function offlineInstants(fleet: DemoFleet, anchor: number): Map<string, number> {
  const result = new Map<string, number>();
  for (const d of fleet.devices)
    if (d.quirks.offlineDaysAgo !== undefined) result.set(d.deviceId, anchor - d.quirks.offlineDaysAgo * DAY_MS);
  return result;
}

export interface FleetSimulationOptions {
  seed: string;
  fleet?: DemoFleet;
  /** Step assumed before a meter's first reading (its first interval). */
  stepMs?: number;
  /** Device id → the instant from which it reports nothing. */
  offline?: Map<string, number>;
}

/** Every meter of the fleet, advancing together: `readingsAt(t)` for increasing instants. */
export class FleetSimulation {
  private readonly meters: MeterModel[];
  private readonly offline: Map<string, number>;

  constructor(options: FleetSimulationOptions) {
    const fleet = options.fleet ?? DEMO_FLEET;
    const step = options.stepMs ?? READING_INTERVAL_MS;
    this.meters = fleet.devices.map((d) => new MeterModel(d, installationOf(fleet, d).timezone, options.seed, step));
    this.offline = options.offline ?? new Map();
  }

  readingsAt(t: number): IngestReading[] {
    const out: IngestReading[] = [];
    for (const meter of this.meters) {
      const stoppedAt = this.offline.get(meter.device.deviceId);
      if (stoppedAt === undefined || t < stoppedAt) out.push(...meter.readingsAt(t));
    }
    return out;
  }
}

export interface SimulatedWindow extends FleetSimulationOptions {
  /** First instant (ms, on the step grid); its reading opens the series. */
  from: number;
  /** Last instant (ms), inclusive. */
  to: number;
}

/**
 * Every canonical reading (in order, before any re-send or delay) the simulator produces for the window:
 * what the read API must answer from, once duplicates are folded and late readings put in place.
 */
export function simulateReadings(window: SimulatedWindow): IngestReading[] {
  const step = window.stepMs ?? READING_INTERVAL_MS;
  const fleet = new FleetSimulation(window);
  const out: IngestReading[] = [];
  for (let t = window.from; t <= window.to; t += step) out.push(...fleet.readingsAt(t));
  return out;
}
