import { createHash } from 'node:crypto';
import type { VariableKind } from '@medido/contracts';
import type { Aggregation } from '@medido/measurements';
import { answerDecimals, DEFAULT_DECIMALS } from '@medido/measurements';
import { MedidoError } from '@medido/platform';
import type { MeasurementsRequest } from './measurements-query.ts';
import type { ResolvedScope } from './measurements-scope.ts';

/**
 * One stored series: a meter's variable, read with one aggregation (the first, when several were asked).
 * `intervalMs`: the reading interval its register declares, null when it declares none.
 */
export interface MemberSeries {
  deviceId: string;
  variable: string;
  aggregation: Aggregation;
  intervalMs: number | null;
}

/**
 * One series of the answer: a meter's variable (groupBy=device) or a variable combined over the meters of
 * a unit or installation. Only variables with the same name, unit and kind combine: adding kWh to Wh, or a
 * register to a level, would produce a number that means nothing.
 */
export interface OutputSeries {
  group: { deviceId: string; unitId: string | null } | { unitId: string | null } | { installationId: string };
  name: string;
  unit: string;
  kind: VariableKind;
  /** null for frequency=raw; the first of `aggregations` when several were asked. */
  aggregation: Aggregation | null;
  /** Set when several aggregations were asked (points then carry `values`, in this order). */
  aggregations?: Aggregation[];
  /** Decimals of the register, the most among combined meters (DEFAULT_DECIMALS where none is declared). */
  decimals: number;
  members: MemberSeries[];
}

/** Decimals of each value a bucket of the series carries, in the order of its aggregations (decimals.ts). */
export function valueDecimals(s: OutputSeries): number[] {
  return (s.aggregations ?? [s.aggregation ?? 'last']).map((a) => answerDecimals(a, s.decimals));
}

export function defaultAggregation(kind: VariableKind): Aggregation {
  return kind === 'cumulative' ? 'delta' : 'avg';
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The answer's series in their fixed order: the order pages walk, and what a cursor position counts. */
export function planSeries(request: MeasurementsRequest, scope: ResolvedScope): OutputSeries[] {
  const raw = request.frequency === 'raw';
  const wanted = request.variables ? new Set(request.variables) : null;
  const perDevice: OutputSeries[] = [];
  for (const device of scope.devices) {
    for (const v of device.variables) {
      if (wanted && !wanted.has(v.name)) continue;
      const asked = raw ? null : (request.aggregations ?? [defaultAggregation(v.kind)]);
      const aggregation = asked?.[0] ?? null;
      if (asked?.includes('delta') && v.kind !== 'cumulative') {
        throw new MedidoError(
          'MEASUREMENTS_PARAMETER_INVALID',
          `aggregation=delta needs a cumulative register; ${v.name} of ${device.deviceId} is instantaneous (select variables, or use avg|min|max|first|last)`,
          { issues: [{ path: '/aggregation', message: 'delta on an instantaneous variable' }] },
        );
      }
      perDevice.push({
        group: { deviceId: device.deviceId, unitId: device.unitId },
        name: v.name,
        unit: v.unit,
        kind: v.kind,
        aggregation,
        decimals: v.decimals ?? DEFAULT_DECIMALS,
        ...(asked && asked.length > 1 ? { aggregations: asked } : {}),
        // The port asks every series for an aggregation; a raw query ignores it.
        members: [
          {
            deviceId: device.deviceId,
            variable: v.name,
            aggregation: aggregation ?? 'last',
            intervalMs: v.readingIntervalSeconds ? v.readingIntervalSeconds * 1000 : null,
          },
        ],
      });
    }
  }
  if (request.groupBy === 'device') return perDevice;

  const groups = new Map<string, OutputSeries>();
  for (const s of perDevice) {
    const unitId = 'deviceId' in s.group ? s.group.unitId : null;
    const group = request.groupBy === 'unit' ? { unitId } : { installationId: scope.installation.installationId };
    const groupKey = request.groupBy === 'unit' ? (unitId ?? '') : '';
    const key = JSON.stringify([groupKey, s.name, s.unit, s.kind]);
    const existing = groups.get(key);
    if (existing) {
      existing.members.push(...s.members);
      existing.decimals = Math.max(existing.decimals, s.decimals);
    } else groups.set(key, { ...s, group, members: [...s.members] });
  }
  // Units in id order, meters without a unit last; within a group, variables by name then unit.
  return [...groups.values()].sort((a, b) => {
    const ua = 'unitId' in a.group ? a.group.unitId : null;
    const ub = 'unitId' in b.group ? b.group.unitId : null;
    if (ua !== ub) return ua === null ? 1 : ub === null ? -1 : byText(ua, ub);
    return byText(a.name, b.name) || byText(a.unit, b.unit) || byText(a.kind, b.kind);
  });
}

/** A digest of the plan: a cursor taken before the catalog changed the set of series is refused, not misapplied. */
export function planFingerprint(series: OutputSeries[]): string {
  const h = createHash('sha256');
  // Intervals too: a cursor taken before a register declared its interval would page a differently filtered answer.
  for (const s of series)
    h.update(
      JSON.stringify([
        s.group,
        s.name,
        s.unit,
        s.kind,
        s.aggregations ?? s.aggregation,
        s.members.map((m) => [m.deviceId, m.intervalMs]),
      ]),
    );
  return h.digest('base64url').slice(0, 16);
}
