import type { MeasurementsStore } from '@medido/measurements';
import { MedidoError } from '@medido/platform';
import type { ApiCaller } from '../auth/api-caller.ts';
import type { ScopeReaders } from '../auth/scope-readers.ts';
import { queryFingerprint, type CursorCodec } from '../http/cursor-codec.ts';
import type { ReadApiLimits } from '../limits.ts';
import type { Answer } from './answer.ts';
import { bucketGrid } from './bucket-grid.ts';
import {
  normalizeMeasurementsQuery,
  type MeasurementsQuerystring,
  type MeasurementsRequest,
} from './measurements-query.ts';
import { resolveScope } from './measurements-scope.ts';
import { readPage, type PagePosition } from './paging.ts';
import { fetchSeries } from './series-fetcher.ts';
import { planFingerprint, planSeries } from './series-plan.ts';

export interface MeasurementsReaderDeps extends ScopeReaders {
  store: Pick<MeasurementsStore, 'query'>;
  cursors: CursorCodec;
  limits: ReadApiLimits;
}

/** The parameters a cursor is bound to: all that shapes the answer (not `limit`, which only sizes pages). */
function identity(r: MeasurementsRequest) {
  // A single aggregation stays a string, so cursors of one-aggregation queries keep their form.
  const aggregation = r.aggregations && r.aggregations.length === 1 ? r.aggregations[0] : r.aggregations;
  return [
    r.scope,
    r.deviceIds,
    r.variables,
    r.from,
    r.to,
    r.frequency,
    aggregation ?? null,
    r.groupBy,
    r.timezone,
    r.fill,
    ...(r.minCoverage === null ? [] : [r.minCoverage]),
  ];
}

function startPosition(
  deps: MeasurementsReaderDeps,
  query: string,
  cursor: string | undefined,
  plan: string,
  r: MeasurementsRequest,
  series: number,
): PagePosition {
  if (!cursor) return { series: 0, time: r.from };
  const p = deps.cursors.decode(query, cursor);
  if (p.plan !== plan)
    throw new MedidoError(
      'CURSOR_INVALID',
      'the meters or variables of this query changed since its first page; restart from the first page',
    );
  const s = p.series;
  const t = p.time;
  if (
    typeof s !== 'number' ||
    !Number.isInteger(s) ||
    s < 0 ||
    s >= series ||
    typeof t !== 'number' ||
    t < r.from ||
    t >= r.to
  ) {
    throw new MedidoError('CURSOR_INVALID', 'the cursor is malformed');
  }
  return { series: s, time: t };
}

/** One page of a measurements answer, authorized and computed; rendering (JSON or CSV) is the caller's. */
export async function readMeasurements(
  deps: MeasurementsReaderDeps,
  caller: ApiCaller,
  querystring: MeasurementsQuerystring,
): Promise<Answer> {
  const request = normalizeMeasurementsQuery(querystring, deps.limits);
  const query = queryFingerprint('GET /v1/measurements', identity(request));
  const scope = await resolveScope(request, caller, deps);
  const plan = planSeries(request, scope);
  const planId = `${planFingerprint(plan)}:${scope.timezone}`;
  const start = startPosition(deps, query, querystring.cursor, planId, request, plan.length);
  const grid =
    request.frequency === 'raw' ? null : bucketGrid(request.from, request.to, request.frequency, scope.timezone);

  const ctx = {
    store: deps.store,
    from: request.from,
    to: request.to,
    timezone: scope.timezone,
    fill: request.fill,
    grid,
    frequency: request.frequency,
    minCoverage: request.minCoverage,
  };
  const page = await readPage(plan, start, request.limit, grid, request.from, request.to, (batch) =>
    fetchSeries(ctx, batch),
  );
  const nextCursor = page.next
    ? deps.cursors.encode(query, { plan: planId, series: page.next.series, time: page.next.time })
    : null;
  return { request, scope, plan, grid, page, nextCursor };
}
