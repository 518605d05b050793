import { MedidoError } from '@medido/platform';
import { bucketsOf, DAY, HOUR, MINUTE, type Buckets } from './buckets.ts';
import type { MeasurementsQuery, MeasurementsSource } from './measurements-store.port.ts';
import { assertTimeZone } from './time-zones.ts';

/**
 * Chooses where a query is answered from: the coarsest source whose buckets tile every query bucket
 * exactly. A rollup bucket holds the readings in it and the increases attributed to it, so when every
 * query edge (including the clipped window ends) is a rollup boundary, summing rollup rows per query
 * bucket gives exactly what the raw readings give. Otherwise the deduplicated raw table answers.
 */

export interface PlannerContext {
  /** Zone of the 1 d rollup. */
  rollupTimezone: string;
  /** False when the zone's rules changed since the 1 d rollup was built (see zone-rules.ts). */
  dayRollupUsable: boolean;
}

export interface Plan {
  source: MeasurementsSource;
  /** null for raw readings (frequency `raw`). */
  buckets: Buckets | null;
}

const ROLLUPS = ['1d', '1h', '15m'] as const;
const STEPS = { '15m': 15 * MINUTE, '1h': HOUR } as const;

export function validateQuery(query: MeasurementsQuery): void {
  assertTimeZone(query.timezone);
  const { from, to } = query;
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0) {
    throw new MedidoError('MEASUREMENTS_WINDOW_INVALID', 'from and to must be instants after 1970-01-01');
  }
  if (from >= to) throw new MedidoError('MEASUREMENTS_WINDOW_INVALID', 'from must be before to');
}

export function planQuery(query: MeasurementsQuery, context: PlannerContext): Plan {
  validateQuery(query);
  if (query.frequency === 'raw') {
    if (query.source && query.source !== 'raw') throw notExact(query.source);
    return { source: 'raw', buckets: null };
  }
  const buckets = query.buckets ?? bucketsOf(query.frequency, query.from, query.to, query.timezone);
  assertWindowOf(buckets, query);
  if (query.source) {
    if (query.source !== 'raw' && !tiles(query.source, buckets.edges, context)) throw notExact(query.source);
    return { source: query.source, buckets };
  }
  return { source: ROLLUPS.find((s) => tiles(s, buckets.edges, context)) ?? 'raw', buckets };
}

/**
 * Buckets a caller passes must cut this query's window: a grid of another window would place rows in
 * buckets the answer does not have. (Whether they are this frequency's buckets is the caller's word,
 * as `bucketsOf` gives them: recomputing them here to compare is what passing them saves.)
 */
function assertWindowOf({ edges }: Buckets, query: MeasurementsQuery): void {
  if (edges.length < 2 || edges[0] !== query.from || edges.at(-1) !== query.to) {
    throw new MedidoError('MEASUREMENTS_PARAMETER_INVALID', 'the buckets given do not cut the window [from, to)');
  }
}

/** True when every edge is a boundary of the rollup's buckets. */
export function tiles(source: Exclude<MeasurementsSource, 'raw'>, edges: number[], context: PlannerContext): boolean {
  if (source !== '1d') return edges.every((e) => e % STEPS[source] === 0);
  if (!context.dayRollupUsable) return false;
  const first = edges[0]!;
  const last = edges.at(-1)!;
  const dayStarts = new Set(bucketsOf('1d', first - 2 * DAY, last + 2 * DAY, context.rollupTimezone).edges);
  return edges.every((e) => dayStarts.has(e));
}

function notExact(source: MeasurementsSource): MedidoError {
  return new MedidoError('MEASUREMENTS_PARAMETER_INVALID', `the ${source} source cannot answer this query exactly`);
}
