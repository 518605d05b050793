import type { Device } from '@medido/catalog';
import type { MeasurementsStore, RegisterReading, RegisterStatement } from '@medido/measurements';
import { answerDecimals, DEFAULT_DECIMALS, roundTo } from '@medido/measurements';
import { MedidoError } from '@medido/platform';
import { bySeries, seriesIdentity } from '../series-identity.ts';
import { coverage } from '../measurements/completeness.ts';
import { zonedFormatter } from '../measurements/zoned-time.ts';
import type { BillingPeriod } from './consumption-period.ts';
import type { ResolvedConsumptionScope } from './consumption-scope.ts';

/**
 * A consumption statement: per register (a meter's cumulative variable) its opening and closing
 * readings, resets and consumption for the period (definitions: @medido/measurements
 * register-statements.ts), its coverage and quality, and totals per unit and for the whole statement.
 * Values are rounded to the register's declared decimals, after adding for totals (a total gets the most
 * decimals of its registers), like every measurements answer.
 */

export interface StatementReading {
  ts: string;
  value: number;
  quality: RegisterReading['quality'];
}
export interface StatementRegister {
  deviceId: string;
  installationId: string;
  unitId: string | null;
  variable: string;
  unit: string;
  opening: StatementReading | null;
  closing: StatementReading | null;
  resets: { before: { ts: string; value: number }; after: { ts: string; value: number } }[];
  consumption: number;
  increases: number;
  expected: number | null;
  coverage: number | null;
  estimated: number;
  substituted: number;
  qualityShare: { measured: number; estimated: number; substituted: number } | null;
}
export interface StatementTotal {
  unitId?: string;
  variable: string;
  unit: string;
  consumption: number;
  registers: number;
}
export interface ConsumptionStatement {
  registers: StatementRegister[];
  totals: { units: StatementTotal[]; installation: StatementTotal[] };
}

/**
 * Readings a register reading every `intervalMs` closes in (from, to]: its instants k·interval there (the
 * wall-clock grid of completeness.ts). (from, to], not [from, to): these are the readings that close the
 * period's increases; the two agree on whole days and months of grid-aligned zones.
 */
export function expectedIncreases(from: number, to: number, intervalMs: number): number {
  return Math.floor(to / intervalMs) - Math.floor(from / intervalMs);
}

const share = (n: number, of: number) => roundTo(n / of, 6);

interface Register {
  device: Device;
  variable: Device['variables'][number];
}

/** The registers of a statement in their fixed order (deviceId, then variable): the order pages walk. */
export function statementRegisters(scope: ResolvedConsumptionScope): Register[] {
  return scope.devices.flatMap((device) =>
    device.variables
      .filter((v) => v.kind === 'cumulative')
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((variable) => ({ device, variable })),
  );
}

export async function consumptionStatement(
  store: Pick<MeasurementsStore, 'registerStatements'>,
  scope: ResolvedConsumptionScope,
  registers: Register[],
  period: BillingPeriod,
): Promise<ConsumptionStatement> {
  if (!store.registerStatements)
    throw new MedidoError('DEPENDENCY_UNAVAILABLE', 'this measurements store does not answer consumption statements');
  const found = bySeries(
    await store.registerStatements(
      registers.map((r) => ({ deviceId: r.device.deviceId, variable: r.variable.name })),
      period.from,
      period.to,
    ),
  );
  const iso = zonedFormatter(scope.timezone);
  const out = registers.map(({ device, variable }) => {
    const s: RegisterStatement | undefined = found(device, variable);
    const valueDecimals = answerDecimals('last', variable.decimals);
    const at = (r: { ts: number; value: number }) => ({ ts: iso(r.ts), value: roundTo(r.value, valueDecimals) });
    const reading = (r: RegisterReading | null | undefined) => (r ? { ...at(r), quality: r.quality } : null);
    const increases = s?.increases ?? 0;
    const [estimated, substituted] = [s?.estimated ?? 0, s?.substituted ?? 0];
    const expected = variable.readingIntervalSeconds
      ? expectedIncreases(period.from, period.to, variable.readingIntervalSeconds * 1000)
      : null;
    return {
      ...seriesIdentity(device, variable),
      opening: reading(s?.opening),
      closing: reading(s?.closing),
      resets: (s?.resets ?? []).map((r) => ({ before: at(r.before), after: at(r.after) })),
      consumption: roundTo(s?.consumption ?? 0, answerDecimals('delta', variable.decimals)),
      increases,
      expected,
      coverage: coverage(increases, expected),
      estimated,
      substituted,
      qualityShare: increases
        ? {
            measured: share(increases - estimated - substituted, increases),
            estimated: share(estimated, increases),
            substituted: share(substituted, increases),
          }
        : null,
      raw: s?.consumption ?? 0,
      decimals: variable.decimals ?? DEFAULT_DECIMALS,
    };
  });
  const total = (members: typeof out, unitId?: string): StatementTotal[] => {
    const groups = new Map<
      string,
      { variable: string; unit: string; sum: number; decimals: number; registers: number }
    >();
    for (const r of members) {
      const key = `${r.variable}\u001f${r.unit}`;
      const g = groups.get(key) ?? { variable: r.variable, unit: r.unit, sum: 0, decimals: 0, registers: 0 };
      // Added from the engine's values, rounded once at the end: as measurements combine meters.
      g.sum += r.raw;
      g.decimals = Math.max(g.decimals, r.decimals);
      g.registers += 1;
      groups.set(key, g);
    }
    return [...groups.values()]
      .sort((a, b) => (a.variable < b.variable ? -1 : a.variable > b.variable ? 1 : a.unit < b.unit ? -1 : 1))
      .map((g) => ({
        ...(unitId === undefined ? {} : { unitId }),
        variable: g.variable,
        unit: g.unit,
        consumption: roundTo(g.sum, g.decimals),
        registers: g.registers,
      }));
  };
  const unitIds = [...new Set(out.flatMap((r) => (r.unitId === null ? [] : [r.unitId])))].sort();
  return {
    registers: out.map(({ raw: _raw, decimals: _decimals, ...r }) => r),
    totals: {
      units: unitIds.flatMap((u) =>
        total(
          out.filter((r) => r.unitId === u),
          u,
        ),
      ),
      installation: total(out),
    },
  };
}
