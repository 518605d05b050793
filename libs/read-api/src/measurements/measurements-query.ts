import type { Aggregation, Frequency } from '@medido/measurements';
import { MedidoError } from '@medido/platform';
import { maxWindowMs, type ReadApiLimits } from '../limits.ts';
import { AGGREGATIONS, type Fill, type GroupBy } from '../schemas/measurements.schema.ts';
import { canonicalTimeZone } from '@medido/measurements';

/** The querystring after schema validation (enums and integer ranges already checked). */
export interface MeasurementsQuerystring {
  installationId?: string;
  unitId?: string;
  deviceIds?: string[];
  variables?: string[];
  from: string;
  to: string;
  frequency?: Frequency;
  aggregation?: string;
  groupBy?: GroupBy;
  timezone?: string;
  fill?: Fill;
  minCoverage?: number;
  limit?: number;
  cursor?: string;
}

/** A measurements request in normal form: what the answer depends on, and nothing else. */
export interface MeasurementsRequest {
  scope: { kind: 'installation' | 'unit'; id: string };
  /** Sorted, unique; null = every meter of the scope. */
  deviceIds: string[] | null;
  /** Sorted, unique; null = every variable of the selected meters. */
  variables: string[] | null;
  from: number;
  to: number;
  frequency: Frequency;
  /** In the order asked, each once; null = the default of each variable's kind. */
  aggregations: Aggregation[] | null;
  groupBy: GroupBy;
  /** Canonical IANA name; null = the installation's zone. */
  timezone: string | null;
  fill: Fill;
  /** Buckets whose coverage is below it (or unknown) are left out, before fill; null = no filter. */
  minCoverage: number | null;
  limit: number;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const VARIABLE = /^[a-z][a-z0-9_]*$/;
/** RFC 3339 date-time: seconds optional (ISO 8601 allows hh:mm), offset mandatory. */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/i;

function invalid(detail: string, path?: string): MedidoError {
  return new MedidoError('MEASUREMENTS_PARAMETER_INVALID', detail, path ? { issues: [{ path, message: detail }] } : {});
}

/** Splits comma-separated and repeated list parameters into a sorted, de-duplicated list. */
function list(values: string[] | undefined, name: string, pattern: RegExp, max: number): string[] | null {
  if (!values) return null;
  const items = [
    ...new Set(
      values
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ].sort();
  if (items.length === 0) throw invalid(`${name} is empty`, `/${name}`);
  if (items.length > max) throw invalid(`${name} has ${items.length} entries; at most ${max}`, `/${name}`);
  const bad = items.find((v) => v.length > 128 || !pattern.test(v));
  if (bad !== undefined) throw invalid(`${name} entry ${JSON.stringify(bad)} is not a valid identifier`, `/${name}`);
  return items;
}

/**
 * `aggregation`: one name, or several separated by commas (`min,max,avg,delta`), each at most once, in
 * the order the answer gives them. One name answers exactly as before (`value`); several answer `values`.
 */
export function parseAggregations(given: string): Aggregation[] {
  const names = given.split(',').map((a) => a.trim());
  const seen = new Set<string>();
  for (const name of names) {
    if (!(AGGREGATIONS as readonly string[]).includes(name)) {
      throw invalid(
        `aggregation ${JSON.stringify(name.slice(0, 32))} is not one of ${AGGREGATIONS.join(', ')} (several: comma-separated, e.g. min,max,avg)`,
        '/aggregation',
      );
    }
    if (seen.has(name)) throw invalid(`aggregation lists ${name} twice; give each at most once`, '/aggregation');
    seen.add(name);
  }
  return names as Aggregation[];
}

/** Parses an instant, refusing text without an offset and impossible calendar dates (2026-02-30). */
export function parseInstant(given: string, name: 'from' | 'to'): number {
  // An unencoded "+" in a query string arrives as a space ("…T00:00:00 02:00"); there it can only mean "+".
  const text = given.replace(/ (\d{2}:\d{2})$/, '+$1');
  const m = INSTANT.exec(text);
  const ms = m ? Date.parse(text) : NaN;
  if (!m || Number.isNaN(ms)) {
    throw new MedidoError(
      'MEASUREMENTS_WINDOW_INVALID',
      `${name} must be an ISO 8601 date-time with an offset, e.g. 2026-04-04T00:00:00-03:00 (got ${JSON.stringify(text.slice(0, 64))})`,
    );
  }
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((v) => Number(v ?? 0));
  const probe = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!));
  if (probe.getUTCDate() !== day || probe.getUTCMonth() !== month! - 1 || hour! > 23 || minute! > 59 || second! > 59) {
    throw new MedidoError(
      'MEASUREMENTS_WINDOW_INVALID',
      `${name} is not a valid calendar date-time: ${JSON.stringify(text)}`,
    );
  }
  return ms;
}

/** Validates every parameter combination that needs no data; resolving ids against the catalog comes after. */
export function normalizeMeasurementsQuery(q: MeasurementsQuerystring, limits: ReadApiLimits): MeasurementsRequest {
  if ((q.installationId === undefined) === (q.unitId === undefined)) {
    throw new MedidoError('MEASUREMENTS_SCOPE_REQUIRED', 'give exactly one of installationId and unitId');
  }
  const scope =
    q.installationId !== undefined
      ? { kind: 'installation' as const, id: q.installationId }
      : { kind: 'unit' as const, id: q.unitId! };
  if (!ID.test(scope.id)) throw invalid(`${scope.kind}Id is not a valid identifier`, `/${scope.kind}Id`);

  const from = parseInstant(q.from, 'from');
  const to = parseInstant(q.to, 'to');
  if (from >= to)
    throw new MedidoError('MEASUREMENTS_WINDOW_INVALID', 'from must be before to (the window is [from, to))');

  const frequency = q.frequency ?? '1h';
  const maxMs = maxWindowMs(limits, frequency);
  if (to - from > maxMs) {
    throw new MedidoError(
      'MEASUREMENTS_WINDOW_TOO_LARGE',
      `frequency=${frequency} allows windows of at most ${limits.maxWindowDays[frequency]} days; split the request or use a coarser frequency`,
    );
  }
  const groupBy = q.groupBy ?? 'device';
  const fill = q.fill ?? 'none';
  if (frequency === 'raw') {
    if (q.aggregation)
      throw invalid(
        'aggregation does not apply to frequency=raw (raw answers the readings themselves)',
        '/aggregation',
      );
    if (groupBy !== 'device')
      throw invalid('frequency=raw answers readings per meter: groupBy must be device', '/groupBy');
    if (fill !== 'none') throw invalid('fill does not apply to frequency=raw (there are no buckets to fill)', '/fill');
  }
  const aggregations = q.aggregation === undefined ? null : parseAggregations(q.aggregation);
  if (frequency === 'raw' && q.minCoverage !== undefined)
    throw invalid('minCoverage does not apply to frequency=raw (readings have no coverage)', '/minCoverage');
  const aggregation = aggregations?.find((a) => a === 'first' || a === 'last');
  if (aggregation && groupBy !== 'device' && to - from > limits.maxGroupedFirstLastWindowDays * 86_400_000) {
    throw new MedidoError(
      'MEASUREMENTS_WINDOW_TOO_LARGE',
      `aggregation=${aggregation} with groupBy=${groupBy} is computed from the readings: at most ${limits.maxGroupedFirstLastWindowDays} days`,
    );
  }

  return {
    scope,
    deviceIds: list(q.deviceIds, 'deviceIds', ID, limits.maxDeviceIds),
    variables: list(q.variables, 'variables', VARIABLE, limits.maxVariables),
    from,
    to,
    frequency,
    aggregations,
    groupBy,
    timezone: q.timezone === undefined ? null : canonicalTimeZone(q.timezone),
    fill,
    minCoverage: q.minCoverage ?? null,
    limit: q.limit ?? limits.measurementsPageDefault,
  };
}

/** The `deviceIds` and `variables` list parameters of other measurement routes, parsed as here. */
export const parseDeviceIds = (values: string[] | undefined, max: number): string[] | null =>
  list(values, 'deviceIds', ID, max);
export const parseVariables = (values: string[] | undefined, max: number): string[] | null =>
  list(values, 'variables', VARIABLE, max);
