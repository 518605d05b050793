import type { StoredReading } from '../src/measurements-store.port.ts';

export interface RandomReadingsOptions {
  deviceIds: readonly string[];
  /** The 15 min grid runs over [start, end). */
  start: number;
  end: number;
  /** How likely a slot is left without a reading. */
  skip: number;
  /** Slots a meter sends nothing at all (a silent meter), besides the random ones. */
  silent?: (deviceId: string, slot: number) => boolean;
  quality?: (slot: number) => StoredReading['quality'];
  ingestedAt: number;
}

/**
 * Seeded readings of an energy register (cumulative, with rare resets) and a power (instantaneous) per
 * meter, on a 15 min grid: mostly exactly on it (where `t − 1 ms` matters), sometimes 1 ms or minutes
 * after it. Values are multiples of 1/8, so sums are exact in any order. In time order per series.
 */
export function randomReadings(random: () => number, options: RandomReadingsOptions): StoredReading[] {
  const { start, end, skip, silent = () => false, quality = () => 'measured', ingestedAt } = options;
  const all: StoredReading[] = [];
  for (const deviceId of options.deviceIds) {
    for (const variable of ['active_energy_import', 'active_power']) {
      let v = Math.floor(random() * 1000);
      for (let slot = start; slot < end; slot += 900_000) {
        if (random() < skip || silent(deviceId, slot)) continue;
        const ts = slot + [0, 0, 0, 1, 60_000 * Math.floor(random() * 15)][Math.floor(random() * 5)]!;
        v = random() < 0.01 ? Math.floor(random() * 8) / 8 : v + Math.floor(random() * 80) / 8; // rare register resets
        const value = variable === 'active_power' ? Math.floor(random() * 400) / 8 : v;
        all.push({ deviceId, variable, ts, value, quality: quality(slot), ingestedAt });
      }
    }
  }
  return all;
}
