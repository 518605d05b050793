import { IngestReading, validate } from '@medido/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_FLEET,
  expectedConsumptionByBucket,
  offlineInstants,
  READING_INTERVAL_MS,
  resetWithin,
  simulatedConsumptionByBucket,
  simulateReadings,
} from '../src/index.ts';
import { localTime } from '../src/local-clock.ts';

const DAY = 86_400_000;
const STEP = READING_INTERVAL_MS;
// A Tuesday, on the quarter hour; 60 days back reach past both designed reset periods (37 and 53 days).
const TO = Date.parse('2026-06-16T12:00:00.000Z');
const FROM = TO - 60 * DAY;
const SEED = 'fleet-test';

type Series = { t: number; value: number }[];
const grouped = new WeakMap<IngestReading[], Map<string, Series>>();

/** One series in time order; grouped once per array, the fleet's 60 days hold some 130 000 readings. */
function seriesOf(readings: IngestReading[], deviceId: string, variable: string): Series {
  let groups = grouped.get(readings);
  if (!groups) {
    groups = new Map();
    for (const r of readings) {
      const key = `${r.deviceId}|${r.variable}`;
      let series = groups.get(key);
      if (!series) groups.set(key, (series = []));
      series.push({ t: Date.parse(r.ts), value: r.value });
    }
    grouped.set(readings, groups);
  }
  return groups.get(`${deviceId}|${variable}`) ?? [];
}

describe('the simulated fleet', () => {
  let readings: IngestReading[];
  const offline = offlineInstants(DEMO_FLEET, TO);
  beforeAll(() => {
    readings = simulateReadings({ seed: SEED, from: FROM, to: TO, offline });
  });

  it('is a pure function of the seed: same seed, same readings; another seed, other values', () => {
    const window = { from: TO - 2 * DAY, to: TO, offline };
    const once = simulateReadings({ seed: 'a', ...window });
    expect(simulateReadings({ seed: 'a', ...window })).toEqual(once);
    const other = simulateReadings({ seed: 'b', ...window });
    expect(other.map((r) => r.ts)).toEqual(once.map((r) => r.ts));
    expect(other.filter((r, i) => r.value !== once[i]?.value).length).toBeGreaterThan(once.length * 0.9);
  });

  it('regenerates the same register values from any later start, so a restarted run re-sends identical readings', () => {
    // The embedded default catches up the last day after a restart: its readings overlap the first run's.
    const late = simulateReadings({ seed: SEED, from: TO - DAY - 5 * STEP, to: TO, offline });
    for (const [deviceId, variable] of [
      ['mtr-clinica', 'active_energy_import'],
      ['mtr-muni-p1', 'active_energy_import'],
      ['wtr-torre', 'volume'],
    ] as const) {
      const full = seriesOf(readings, deviceId, variable).filter((p) => p.t >= TO - DAY - 5 * STEP);
      expect(full.length, deviceId).toBe(DAY / STEP + 6);
      expect(seriesOf(late, deviceId, variable), deviceId).toEqual(full);
    }
  });

  it("recomputes a window's daily consumption from the seed alone, across a reset and for the offline meter", () => {
    // Santiago midnights around the reset of mtr-muni-p1 and the last days of the library meter.
    const midnights = Array.from({ length: 50 }, (_, i) => TO - 12 * 3_600_000 - (49 - i) * DAY + 4 * 3_600_000);
    const p1 = DEMO_FLEET.devices.find((d) => d.deviceId === 'mtr-muni-p1')!;
    expect(resetWithin(p1, SEED, midnights[0]!, midnights.at(-1)!)).toBe(true);
    for (const [deviceId, variable] of [
      ['mtr-muni-p1', 'active_energy_import'],
      ['mtr-biblio', 'active_energy_import'],
      ['gas-clinica', 'gas_volume'],
    ] as const) {
      const fromAll = expectedConsumptionByBucket(readings, { deviceId, variable }, midnights);
      const fromSeed = simulatedConsumptionByBucket({
        seed: SEED,
        deviceId,
        variable,
        boundaries: midnights,
        offlineSince: offline.get(deviceId),
      });
      expect(fromSeed.map((v) => v.toFixed(6))).toEqual(fromAll.map((v) => v.toFixed(6)));
      expect(fromAll.filter((v) => v > 0).length).toBe(deviceId === 'mtr-biblio' ? 47 : 49);
    }
  });

  it('reports every variable of every meter every 15 minutes, from the first instant to the last', () => {
    for (const device of DEMO_FLEET.devices) {
      const stop = offline.get(device.deviceId) ?? TO + STEP;
      const expected = (Math.min(stop - STEP, TO) - FROM) / STEP + 1;
      const variables =
        device.kind === 'electricity'
          ? ['active_energy_import', 'active_power', 'voltage']
          : device.kind === 'water'
            ? ['volume']
            : ['gas_volume'];
      for (const variable of variables) {
        const series = seriesOf(readings, device.deviceId, variable);
        expect(series.length, `${device.deviceId} ${variable}`).toBe(expected);
        expect(series[0]?.t).toBe(FROM);
        expect(series.every((p, i) => i === 0 || p.t - series[i - 1]!.t === STEP)).toBe(true);
      }
    }
  });

  it('keeps cumulative registers growing except at the documented resets, where they restart near zero', () => {
    for (const device of DEMO_FLEET.devices) {
      const variable =
        device.kind === 'electricity' ? 'active_energy_import' : device.kind === 'water' ? 'volume' : 'gas_volume';
      const series = seriesOf(readings, device.deviceId, variable);
      const drops = series.filter((p, i) => i > 0 && p.value < series[i - 1]!.value).map((p) => p.t);
      const resets = series.filter((p, i) => i > 0 && resetWithin(device, SEED, series[i - 1]!.t, p.t)).map((p) => p.t);
      expect(drops, device.deviceId).toEqual(resets);
      expect(resets.length, device.deviceId).toBe(
        device.quirks.resetEveryDays ? Math.floor(60 / device.quirks.resetEveryDays) : 0,
      );
      for (const t of resets) expect(series.find((p) => p.t === t)!.value).toBeLessThan(25);
    }
  });

  it('reports power consistent with the energy of the quarter hour it closes, and voltage within 220 V ± 5 V', () => {
    for (const device of DEMO_FLEET.devices.filter((d) => d.kind === 'electricity')) {
      const energy = seriesOf(readings, device.deviceId, 'active_energy_import');
      const power = seriesOf(readings, device.deviceId, 'active_power');
      const inconsistent = energy.slice(1).filter((p, i) => {
        const consumed = p.value >= energy[i]!.value ? p.value - energy[i]!.value : p.value;
        return Math.abs(power[i + 1]!.value * 0.25 - consumed) > 0.02 * consumed + 0.001;
      });
      expect(power.map((p) => p.t)).toEqual(energy.map((p) => p.t));
      expect(inconsistent, device.deviceId).toEqual([]);
      const volts = seriesOf(readings, device.deviceId, 'voltage').map((p) => p.value);
      expect(Math.min(...volts)).toBeGreaterThanOrEqual(215);
      expect(Math.max(...volts)).toBeLessThanOrEqual(225);
    }
  });

  it('follows a daily load curve in local time: low at night, peaks by day, lower at weekends', () => {
    const power = seriesOf(readings, 'mtr-muni-p1', 'active_power').map((p) => ({
      ...p,
      local: localTime('America/Santiago', p.t),
    }));
    const mean = (ps: typeof power) => ps.reduce((s, p) => s + p.value, 0) / ps.length;
    const weekday = power.filter((p) => p.local.weekday >= 1 && p.local.weekday <= 5);
    const night = mean(weekday.filter((p) => p.local.hour < 5));
    const midday = mean(weekday.filter((p) => p.local.hour >= 10 && p.local.hour < 12));
    expect(midday).toBeGreaterThan(4 * night);
    const weekend = mean(power.filter((p) => p.local.weekday === 0 || p.local.weekday === 6));
    expect(weekend).toBeLessThan(0.5 * mean(weekday));
  });

  it('stops the offline meter at the instant it went offline and keeps the others going', () => {
    const stoppedAt = offline.get('mtr-biblio')!;
    expect(stoppedAt).toBe(TO - 3 * DAY);
    const library = seriesOf(readings, 'mtr-biblio', 'active_energy_import');
    expect(library.at(-1)!.t).toBe(stoppedAt - STEP);
    expect(seriesOf(readings, 'mtr-muni-p1', 'active_energy_import').at(-1)!.t).toBe(TO);
  });

  it('sends readings the ingest schema accepts, with the water and gas registers in m3', () => {
    const invalid = readings.filter((_, i) => i % 97 === 0).filter((r) => !validate(IngestReading, r).ok);
    expect(invalid).toEqual([]);
    expect(new Set(readings.map((r) => `${r.deviceId}:${r.variable}`)).size).toBe(7 * 3 + 2);
    expect(seriesOf(readings, 'wtr-torre', 'volume').length).toBeGreaterThan(0);
    expect(seriesOf(readings, 'gas-clinica', 'gas_volume').length).toBeGreaterThan(0);
  });
});
