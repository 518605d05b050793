import type { IngestReading } from '@medido/contracts';
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

/**
 * Every simulated meter was installed at this instant, its register at its initial value. A run
 * starting later opens with the register such a meter would show then (the increases since, summed),
 * so overlapping runs, e.g. the embedded default's catch-up after a restart, send the same values and
 * a re-sent reading replaces its twin instead of a different, lower one (which would read as a reset).
 * Costs some 35 ms per meter and month between the origin and the run's start.
 */
export const REGISTER_ORIGIN = Date.UTC(2026, 0, 1);

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
    this.keys = {
      initial: subKey(key, 'initial'),
      power: subKey(key, 'power'),
      voltage: subKey(key, 'voltage'),
      skew: subKey(key, 'skew'),
    };
    this.demand = demandCurve(device.profile, timeZone, key);
    this.firstStepMs = firstStepMs;
  }

  /** The readings at instant `t` (ms), later than the previous call's. */
  readingsAt(t: number): IngestReading[] {
    const dt = this.lastT === undefined ? this.firstStepMs : t - this.lastT;
    const increase = this.increase(t, dt);
    if (this.register === undefined || this.lastT === undefined) this.register = this.registerSinceOrigin(t);
    else this.register = this.advance(this.register, this.lastT, t, increase);
    this.lastT = t;
    const deviceId = this.device.deviceId;
    const ts = new Date(t).toISOString();
    const readings: IngestReading[] = [
      { deviceId, variable: REGISTER[this.device.kind].variable, ts, value: this.register / 1000, quality: 'measured' },
    ];
    if (this.device.kind === 'electricity') {
      readings.push(
        { deviceId, variable: 'active_power', ts, value: this.power(increase, dt, t), quality: 'measured' },
        { deviceId, variable: 'voltage', ts, value: this.voltage(t), quality: 'measured' },
      );
    }
    return readings;
  }

  /** Thousandths of the unit the register gains over the `dt` ms ending at `t`. */
  private increase(t: number, dt: number): number {
    return Math.round(this.demand(t, dt) * (dt / HOUR_MS) * 1000);
  }

  /** The register after the interval (from, to] that brought `increase`. */
  private advance(register: number, from: number, to: number, increase: number): number {
    // A reset happens early in its interval: the register then shows (about) what was used since.
    return resetWithin(this.device, this.seed, from, to) ? increase : register + increase;
  }

  /** The register at `t` of the meter installed at REGISTER_ORIGIN, reading every `firstStepMs` up to `t`. */
  private registerSinceOrigin(t: number): number {
    const spec = REGISTER[this.device.kind];
    const step = this.firstStepMs;
    const initial = Math.round((spec.initialMin + spec.initialSpan * randomAt(this.keys.initial)) * 1000);
    // The installation reading: the last instant on t's step grid at or before the origin (t itself when earlier).
    const installed = t - Math.max(0, Math.ceil((t - REGISTER_ORIGIN) / step)) * step;
    let register = initial;
    for (let u = installed + step; u <= t; u += step)
      register = this.advance(register, u - step, u, this.increase(u, step));
    return register;
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
