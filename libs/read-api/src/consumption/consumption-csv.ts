import { field } from '../measurements/answer-csv.ts';
import type { ConsumptionAnswer } from './consumption-reader.ts';

/**
 * RFC 4180 with a header row: one row per register of the page (`row` = register), then, on the last page,
 * one per total (`row` = unit or installation). Resets are counted here; their readings are in the JSON.
 */
export const CONSUMPTION_COLUMNS = [
  'row',
  'installationId',
  'unitId',
  'deviceId',
  'variable',
  'unit',
  'periodFrom',
  'periodTo',
  'hours',
  'openingTs',
  'openingValue',
  'openingQuality',
  'closingTs',
  'closingValue',
  'closingQuality',
  'resets',
  'consumption',
  'increases',
  'expected',
  'coverage',
  'estimated',
  'substituted',
  'registers',
] as const;
type Row = Partial<Record<(typeof CONSUMPTION_COLUMNS)[number], string | number | null>>;

export function consumptionCsv(answer: ConsumptionAnswer): string {
  const { json, last } = answer;
  const common = {
    installationId: json.installationId,
    periodFrom: json.period.from,
    periodTo: json.period.to,
    hours: json.period.hours,
  };
  const rows: Row[] = json.registers.map((r) => ({
    row: 'register',
    ...common,
    unitId: r.unitId,
    deviceId: r.deviceId,
    variable: r.variable,
    unit: r.unit,
    openingTs: r.opening?.ts,
    openingValue: r.opening?.value,
    openingQuality: r.opening?.quality,
    closingTs: r.closing?.ts,
    closingValue: r.closing?.value,
    closingQuality: r.closing?.quality,
    resets: r.resets.length,
    consumption: r.consumption,
    increases: r.increases,
    expected: r.expected,
    coverage: r.coverage,
    estimated: r.estimated,
    substituted: r.substituted,
  }));
  if (last) {
    for (const t of json.totals.units)
      rows.push({
        row: 'unit',
        ...common,
        unitId: t.unitId,
        variable: t.variable,
        unit: t.unit,
        consumption: t.consumption,
        registers: t.registers,
      });
    for (const t of json.totals.installation)
      rows.push({
        row: 'installation',
        ...common,
        variable: t.variable,
        unit: t.unit,
        consumption: t.consumption,
        registers: t.registers,
      });
  }
  const lines = rows.map((r) => CONSUMPTION_COLUMNS.map((c) => field(r[c])).join(','));
  return [CONSUMPTION_COLUMNS.join(','), ...lines].map((l) => `${l}\r\n`).join('');
}

/** consumption_<scope>_<period>.csv: the period as its month, or its local bounds. */
export function consumptionFileName(answer: ConsumptionAnswer): string {
  const period =
    answer.json.period.month ?? `${answer.json.period.from.slice(0, 10)}_${answer.json.period.to.slice(0, 10)}`;
  return `consumption_${answer.scope.id.replace(/[^A-Za-z0-9._-]/g, '_')}_${period}.csv`;
}
