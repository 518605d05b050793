/**
 * The bench fleet: one public organization, one installation (America/Santiago) with `units` units of
 * `metersPerUnit` energy meters each, and a deterministic year of readings ending at `end`:
 * every meter every `historyStepMs`, and the first unit's meters every `recentStepMs` over the last
 * `recentDays` (its own history stops where that starts, so no reading is sent twice).
 * The values are cumulative registers (kWh) that grow at a per-meter rate: what the queries aggregate.
 */
const DAY = 86_400_000;
const HOUR = 3_600_000;

export const VARIABLE = 'active_energy_import';
export const ORGANIZATION_ID = 'org-bench';
export const INSTALLATION_ID = 'inst-bench';
export const TIMEZONE = 'America/Santiago';

export interface FleetShape {
  units: number;
  metersPerUnit: number;
  historyDays: number;
  historyStepMs: number;
  recentDays: number;
  recentStepMs: number;
  /** Readings per ingest request (what a meter pipeline uploads at once). */
  readingsPerRequest: number;
}

export interface Fleet extends FleetShape {
  /** Exclusive end of the data, a UTC midnight in the past. */
  end: number;
  meters: string[];
}

export const unitId = (u: number): string => `unit-${String(u).padStart(2, '0')}`;
export const meterId = (m: number): string => `m-${String(m).padStart(4, '0')}`;

export function fleetOf(shape: FleetShape, end: number): Fleet {
  if (end % DAY !== 0) throw new Error('the fleet ends at a UTC midnight');
  if (shape.historyStepMs % shape.recentStepMs !== 0 && shape.recentDays > 0)
    throw new Error('history step must be a multiple of the recent step');
  return { ...shape, end, meters: Array.from({ length: shape.units * shape.metersPerUnit }, (_, m) => meterId(m)) };
}

/** The catalog of the fleet as `POST /v1/ingest/catalog` events. */
export function catalogEvents(fleet: Fleet, extraMeters: { deviceId: string; unit: number }[] = []): object[] {
  const device = (deviceId: string, u: number) => ({
    type: 'DeviceRegistered',
    data: {
      deviceId,
      installationId: INSTALLATION_ID,
      unitId: unitId(u),
      variables: [{ name: VARIABLE, unit: 'kWh', kind: 'cumulative' }],
    },
  });
  return [
    {
      type: 'OrganizationRegistered',
      data: { organizationId: ORGANIZATION_ID, name: 'Bench organization', visibility: 'public' },
    },
    {
      type: 'InstallationRegistered',
      data: {
        installationId: INSTALLATION_ID,
        organizationId: ORGANIZATION_ID,
        name: 'Bench building',
        timezone: TIMEZONE,
      },
    },
    ...Array.from({ length: fleet.units }, (_, u) => ({
      type: 'UnitAdded',
      data: { unitId: unitId(u), installationId: INSTALLATION_ID, name: `Floor ${u}` },
    })),
    ...fleet.meters.map((id, m) => device(id, Math.floor(m / fleet.metersPerUnit))),
    ...extraMeters.map((e) => device(e.deviceId, e.unit)),
  ];
}

const recentStart = (f: Fleet) => f.end - f.recentDays * DAY;
const historyStart = (f: Fleet) => f.end - f.historyDays * DAY;

/** Reading times of meter `m` within [from, to), ascending. */
function meterTimes(f: Fleet, m: number, from: number, to: number): number[] {
  const out: number[] = [];
  const inRecentUnit = m < f.metersPerUnit && f.recentDays > 0;
  const historyEnd = inRecentUnit ? recentStart(f) : f.end;
  const step = (start: number, end: number, every: number) => {
    const lo = Math.max(from, start);
    const hi = Math.min(to, end);
    for (let t = start + Math.ceil((lo - start) / every) * every; t < hi; t += every) out.push(t);
  };
  step(historyStart(f), historyEnd, f.historyStepMs);
  if (inRecentUnit) step(recentStart(f), f.end, f.recentStepMs);
  return out;
}

/** The register value of meter `m` at `t`: grows 1 to 4 kWh per hour depending on the meter. */
export const meterValue = (m: number, t: number): number =>
  Math.round((((t / HOUR) * (1 + (m % 7) * 0.5)) % 1e9) * 1000) / 1000;

/** How many readings the fleet sends in all. */
export function fleetReadings(f: Fleet): number {
  const history = Math.round((f.historyDays * DAY) / f.historyStepMs);
  if (f.recentDays === 0) return f.meters.length * history;
  const recentUnitHistory = Math.round(((f.historyDays - f.recentDays) * DAY) / f.historyStepMs);
  const recent = Math.round((f.recentDays * DAY) / f.recentStepMs);
  return (f.meters.length - f.metersPerUnit) * history + f.metersPerUnit * (recentUnitHistory + recent);
}

export interface IngestBody {
  body: string;
  readings: number;
}

const iso = new Map<number, string>();
function isoOf(t: number): string {
  let s = iso.get(t);
  if (s === undefined) {
    if (iso.size > 100_000) iso.clear();
    s = new Date(t).toISOString();
    iso.set(t, s);
  }
  return s;
}

/**
 * The fleet's readings as request bodies, in time order across the fleet: day by day, unit by unit,
 * each meter's readings of the day together (as a pipeline uploading a day of a floor's meters would).
 */
export function* fleetBodies(f: Fleet): Generator<IngestBody> {
  let items: string[] = [];
  const flush = (): IngestBody => {
    const out = { body: `{"readings":[${items.join(',')}]}`, readings: items.length };
    items = [];
    return out;
  };
  for (let day = historyStart(f); day < f.end; day += DAY) {
    for (let u = 0; u < f.units; u++) {
      for (let m = u * f.metersPerUnit; m < (u + 1) * f.metersPerUnit; m++) {
        const id = f.meters[m]!;
        for (const t of meterTimes(f, m, day, day + DAY)) {
          items.push(`{"deviceId":"${id}","variable":"${VARIABLE}","ts":"${isoOf(t)}","value":${meterValue(m, t)}}`);
          if (items.length === f.readingsPerRequest) yield flush();
        }
      }
      if (items.length > 0) yield flush();
    }
  }
}

/** The fleet's readings as TabSeparated rows of the readings table (the bulk-insert baseline), in chunks. */
export function* fleetTsvChunks(
  f: Fleet,
  rowsPerChunk: number,
  ingestedAt: number,
): Generator<{ tsv: string; rows: number }> {
  const ingested = new Date(ingestedAt).toISOString();
  let rows: string[] = [];
  for (let day = historyStart(f); day < f.end; day += DAY) {
    for (let m = 0; m < f.meters.length; m++) {
      for (const t of meterTimes(f, m, day, day + DAY)) {
        rows.push(`${f.meters[m]}\t${VARIABLE}\t${isoOf(t)}\t${meterValue(m, t)}\tmeasured\t${ingested}`);
        if (rows.length === rowsPerChunk) {
          yield { tsv: rows.join('\n'), rows: rows.length };
          rows = [];
        }
      }
    }
  }
  if (rows.length > 0) yield { tsv: rows.join('\n'), rows: rows.length };
}
