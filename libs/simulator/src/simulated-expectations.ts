import { MedidoError } from '@medido/platform';
import { DEMO_FLEET, READING_INTERVAL_MS, type DemoFleet } from './demo-fleet.ts';
import { expectedConsumptionByBucket } from './expected-totals.ts';
import { alignDown, simulateReadings } from './fleet-readings.ts';

export interface SimulatedConsumptionQuery {
  seed: string;
  deviceId: string;
  variable: string;
  /** Consecutive bucket boundaries (ms or ISO), e.g. local midnights. */
  boundaries: (string | number)[];
  /** When the meter stopped reporting, if it is the offline one (see `offlineInstants`). */
  offlineSince?: number;
  fleet?: DemoFleet;
}

/**
 * Per-bucket consumption the read API must answer for a simulated register, recomputed from the seed
 * alone: a register's increase over a quarter hour depends only on (seed, meter, quarter hour), so
 * the readings from the first boundary on are regenerated instead of shared with the simulator that
 * sent them. Valid for windows the simulator covered at the 15-minute cadence (backfill, or live at
 * speed 1) and whose readings have all arrived.
 */
export function simulatedConsumptionByBucket(query: SimulatedConsumptionQuery): number[] {
  const fleet = query.fleet ?? DEMO_FLEET;
  const device = fleet.devices.find((d) => d.deviceId === query.deviceId);
  if (!device) throw new MedidoError('DEVICE_NOT_FOUND', `no simulated meter ${query.deviceId}`);
  const edges = query.boundaries.map((b) => (typeof b === 'number' ? b : Date.parse(b)));
  const first = edges[0];
  const last = edges.at(-1);
  if (first === undefined || last === undefined) return [];
  const readings = simulateReadings({
    seed: query.seed,
    fleet: { ...fleet, devices: [device] },
    from: alignDown(first, READING_INTERVAL_MS),
    to: alignDown(last, READING_INTERVAL_MS),
    ...(query.offlineSince === undefined ? {} : { offline: new Map([[device.deviceId, query.offlineSince]]) }),
  });
  return expectedConsumptionByBucket(readings, query, edges);
}
