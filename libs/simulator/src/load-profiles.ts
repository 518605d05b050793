import { DAY_MS, localTime } from './local-clock.ts';
import { randomAt, subKey } from './prng.ts';

/**
 * A typical demand curve: rate (kW for electricity, m3/h for water and gas) between `min` and `max`,
 * shaped by one factor per local hour (0 = min, 1 = max), linear in between. Weekends have their own,
 * lower curve. `seasonal` is the relative swing over the year, peaking in the southern winter (July).
 */
export interface LoadProfile {
  min: number;
  max: number;
  weekday: readonly number[];
  weekend: readonly number[];
  seasonal: number;
  /** Relative spread of one 15-minute value around the curve (0.08 = ±8 %). */
  noise: number;
}

const flat = (value: number, hours = 24) => Array<number>(hours).fill(value);
const OFFICE_DAY = [
  0, 0, 0, 0, 0, 0.03, 0.1, 0.3, 0.7, 0.95, 1, 1, 1, 0.85, 0.95, 1, 1, 0.9, 0.6, 0.35, 0.2, 0.1, 0.05, 0,
];
const OFFICE_WEEKEND = [...flat(0, 9), 0.08, 0.12, 0.12, 0.12, 0.1, 0.08, ...flat(0, 9)];
const HOME_DAY = [
  0.1, 0.08, 0.06, 0.06, 0.06, 0.08, 0.25, 0.55, 0.45, 0.2, 0.15, 0.15, 0.2, 0.22, 0.15, 0.15, 0.2, 0.35, 0.6, 0.85, 1,
  0.95, 0.7, 0.35,
];
const HOME_WEEKEND = [
  0.12, 0.08, 0.06, 0.06, 0.06, 0.06, 0.08, 0.15, 0.3, 0.4, 0.35, 0.35, 0.45, 0.4, 0.3, 0.25, 0.25, 0.3, 0.45, 0.7, 0.8,
  0.75, 0.55, 0.3,
];

export const LOAD_PROFILES = {
  'office-large': { min: 3, max: 28, weekday: OFFICE_DAY, weekend: OFFICE_WEEKEND, seasonal: 0.1, noise: 0.08 },
  'office-small': { min: 1.5, max: 14, weekday: OFFICE_DAY, weekend: OFFICE_WEEKEND, seasonal: 0.1, noise: 0.08 },
  library: {
    min: 0.8,
    max: 9,
    seasonal: 0.08,
    noise: 0.1,
    weekday: [...flat(0, 8), 0.3, 0.8, 1, 1, 1, 1, 1, 1, 1, 1, 0.9, 0.7, 0.2, 0, 0, 0],
    weekend: [...flat(0, 9), 0.2, 0.6, 0.6, 0.6, 0.5, 0.1, ...flat(0, 9)],
  },
  'home-family': { min: 0.12, max: 1.6, weekday: HOME_DAY, weekend: HOME_WEEKEND, seasonal: 0.15, noise: 0.2 },
  'home-single': {
    min: 0.08,
    max: 1.1,
    weekday: HOME_DAY,
    weekend: HOME_WEEKEND.map((f) => f * 0.8),
    seasonal: 0.12,
    noise: 0.25,
  },
  'common-areas': {
    min: 1.2,
    max: 6,
    seasonal: 0.05,
    noise: 0.06,
    weekday: [
      0.6, 0.55, 0.5, 0.5, 0.5, 0.5, 0.45, 0.3, 0.25, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.25, 0.35, 0.6, 0.85, 0.9,
      0.85, 0.75, 0.65,
    ],
    weekend: [
      0.55, 0.5, 0.45, 0.45, 0.45, 0.45, 0.4, 0.25, 0.2, 0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.2, 0.3, 0.55, 0.75,
      0.8, 0.75, 0.7, 0.6,
    ],
  },
  clinic: {
    min: 25,
    max: 80,
    seasonal: 0.1,
    noise: 0.05,
    weekday: [
      0.15, 0.1, 0.1, 0.1, 0.1, 0.15, 0.3, 0.6, 0.9, 1, 1, 1, 0.95, 0.95, 1, 1, 0.95, 0.85, 0.7, 0.55, 0.45, 0.35, 0.25,
      0.2,
    ],
    weekend: [
      0.12, 0.1, 0.08, 0.08, 0.08, 0.1, 0.15, 0.25, 0.4, 0.45, 0.45, 0.45, 0.45, 0.4, 0.4, 0.4, 0.4, 0.35, 0.3, 0.25,
      0.2, 0.2, 0.15, 0.15,
    ],
  },
  'water-building': {
    min: 0.02,
    max: 0.9,
    seasonal: -0.2,
    noise: 0.35,
    weekday: [
      0.02, 0.01, 0.01, 0.01, 0.02, 0.1, 0.5, 1, 0.8, 0.35, 0.3, 0.3, 0.45, 0.45, 0.3, 0.25, 0.25, 0.3, 0.5, 0.7, 0.75,
      0.6, 0.35, 0.1,
    ],
    weekend: [
      0.05, 0.02, 0.01, 0.01, 0.01, 0.02, 0.1, 0.3, 0.55, 0.6, 0.5, 0.45, 0.5, 0.5, 0.35, 0.3, 0.3, 0.35, 0.45, 0.6,
      0.65, 0.5, 0.3, 0.12,
    ],
  },
  'gas-boiler': {
    min: 2,
    max: 12,
    seasonal: 0.35,
    noise: 0.1,
    weekday: [
      0.3, 0.3, 0.3, 0.3, 0.35, 0.6, 1, 1, 1, 0.9, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.7, 0.8, 0.8, 0.8, 0.7, 0.5, 0.4,
      0.35,
    ],
    weekend: [
      0.3, 0.3, 0.3, 0.3, 0.3, 0.45, 0.7, 0.75, 0.75, 0.7, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.55, 0.6, 0.6, 0.6, 0.55,
      0.45, 0.35, 0.3,
    ],
  },
} as const satisfies Record<string, LoadProfile>;

export type ProfileName = keyof typeof LOAD_PROFILES;

const YEAR_MS = 365.2425 * DAY_MS;
const MID_JULY = Date.UTC(2000, 6, 15);

function curveAt(curve: readonly number[], hour: number): number {
  const h = Math.floor(hour);
  const a = curve[h % 24] ?? 0;
  const b = curve[(h + 1) % 24] ?? 0;
  return a + (b - a) * (hour - h);
}

/** Mean rate over an interval (t − dt, t], in the profile's unit per hour. */
export type DemandCurve = (t: number, dt: number) => number;

/**
 * The demand of one meter, sampled at the middle of each interval: the typical curve for that local
 * time, this local day's deviation (a warm or busy day, ±10 %) and the interval's own noise. It depends
 * only on (key, t, dt), never on earlier draws.
 */
export function demandCurve(profileName: ProfileName, timeZone: string, key: number): DemandCurve {
  const profile: LoadProfile = LOAD_PROFILES[profileName];
  const dayKey = subKey(key, 'day');
  const noiseKey = subKey(key, 'noise');
  return (t, dt) => {
    const mid = t - dt / 2;
    const local = localTime(timeZone, mid);
    const weekend = local.weekday === 0 || local.weekday === 6;
    const shape = curveAt(weekend ? profile.weekend : profile.weekday, local.hour);
    const typical = profile.min + (profile.max - profile.min) * shape;
    const season = 1 + profile.seasonal * Math.cos((2 * Math.PI * (mid - MID_JULY)) / YEAR_MS);
    const day = 0.9 + 0.2 * randomAt(dayKey, local.day);
    const noise = 1 + profile.noise * (2 * randomAt(noiseKey, t) - 1);
    return Math.max(0, typical * season * day * noise);
  };
}
