import type { SimulatedReading } from './simulated-reading.ts';
import type { DemoDevice, MeterKind } from './demo-fleet.ts';
import { DAY_MS, localTime } from './local-clock.ts';
import { demandCurve, type DemandCurve } from './load-profiles.ts';
import { hashString, randomAt, subKey } from './prng.ts';

const HOUR_MS = 3_600_000;

/** Registers count in thousandths of their unit (Wh, litres) as integers, like a meter's display: no float drift. */
const REGISTER: Record<MeterKind, { variable: string; initialMin: number; initialSpan: number }> = {
  electricity: { variable: 'active_energy_import', initialMin: 5_000, initialSpan: 55_000 },
  water: { variable: 'volume', initialMin: 100, initialSpan: 1_900 },
  gas: { variable: 'gas_volume', initialMin: 1_000, initialSpan: 19_000 },
};

/** The stream key of one device under one seed: every number the device draws derives from it. */
export function deviceKey(seed: string, deviceId: string): number {
  return subKey(hashString(seed), deviceId);
}

/**
 * Whether the device's register went back to zero within (from, to]. Resets recur every
 * `resetEveryDays` at a phase drawn from the seed, on absolute time: the same instants whatever
 * window the simulator covers.
 */
export function resetWithin(device: DemoDevice, seed: string, from: number, to: number): boolean {
  const days = device.quirks.resetEveryDays;
  if (!days) return false;
  const period = days * DAY_MS;
  const phase = Math.floor(randomAt(subKey(deviceKey(seed, device.deviceId), 'reset')) * period);
  return Math.floor((to - phase) / period) > Math.floor((from - phase) / period);
}

/**
 * One simulated meter. `readingsAt(t)` answers what the meter reports at instant `t`, closing the
 * interval since its previous reading: the register's increase over that interval depends only on
 * (seed, device, interval), so any window regenerates the same increases.
 */
export class MeterModel {
  readonly device: DemoDevice;
  private readonly timeZone: string;
  private readonly seed: string;
  private readonly keys: { initial: number; power: number; voltage: number; skew: number };
  private readonly demand: DemandCurve;
  private readonly firstStepMs: number;
  private register: number | undefined;
  private lastT: number | undefined;

  constructor(device: DemoDevice, timeZone: string, seed: string, firstStepMs: number) {
    const key = deviceKey(seed, device.deviceId);
    this.device = device;
    this.timeZone = timeZone;
    this.seed = seed;
    this.keys = { initial: subKey(key, 'initial'), power: subKey(key, 'power'), voltage: subKey(key, 'voltage'), skew: subKey(key, 'skew') };
    this.demand = demandCurve(device.profile, timeZone, key);
    this.firstStepMs = firstStepMs;
  }

  /** The readings at instant `t` (ms), later than the previous call's. */
  readingsAt(t: number): SimulatedReading[] {
    const dt = this.lastT === undefined ? this.firstStepMs : t - this.lastT;
    const increase = Math.round(this.demand(t, dt) * (dt / HOUR_MS) * 1000);
    const spec = REGISTER[this.device.kind];
    if (this.register === undefined || this.lastT === undefined) {
      this.register = Math.round((spec.initialMin + spec.initialSpan * randomAt(this.keys.initial)) * 1000);
    } else if (resetWithin(this.device, this.seed, this.lastT, t)) {
      // The reset happened early in the interval: the register shows (about) what was used since.
      this.register = increase;
    } else {
      this.register += increase;
    }
    this.lastT = t;
    const deviceId = this.device.deviceId;
    const ts = new Date(t).toISOString();
    const readings: SimulatedReading[] = [{ deviceId, variable: spec.variable, ts, value: this.register / 1000, quality: 'measured' }];
    if (this.device.kind === 'electricity') {
      readings.push(
        { deviceId, variable: 'active_power', ts, value: this.power(increase, dt, t), quality: 'measured' },
        { deviceId, variable: 'voltage', ts, value: this.voltage(t), quality: 'measured' },
      );
    }
    return readings;
  }

  /** The instantaneous power at t: the interval's mean power (energy ÷ time) within ±2 %. */
  private power(increaseWh: number, dt: number, t: number): number {
    const meanKw = increaseWh / (dt / HOUR_MS) / 1000;
    return Math.round(meanKw * (1 + 0.02 * (2 * randomAt(this.keys.power, t) - 1)) * 1000) / 1000;
  }

  /** 220 V nominal: a little higher at night, lower in the evening peak, never beyond ±5 V. */
  private voltage(t: number): number {
    const hour = localTime(this.timeZone, t).hour;
    const skew = 0.8 * (2 * randomAt(this.keys.skew) - 1);
    const noise = 1.5 * (2 * randomAt(this.keys.voltage, t) - 1);
    return Math.round((220 + 2.5 * Math.cos((2 * Math.PI * (hour - 3)) / 24) + skew + noise) * 10) / 10;
  }
}
