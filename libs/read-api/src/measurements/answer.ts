import type { RawPoint } from '@medido/measurements';
import type { BucketGrid } from './bucket-grid.ts';
import { completeness, type Completeness } from './completeness.ts';
import type { EmittedBucket } from './fill.ts';
import type { MeasurementsRequest } from './measurements-query.ts';
import type { ResolvedScope } from './measurements-scope.ts';
import type { MeasurementsPage } from './paging.ts';
import type { OutputSeries } from './series-plan.ts';
import { zonedFormatter } from './zoned-time.ts';

/** Everything both representations (JSON and CSV) of one page are written from: they cannot disagree. */
export interface Answer {
  request: MeasurementsRequest;
  scope: ResolvedScope;
  plan: OutputSeries[];
  grid: BucketGrid | null;
  page: MeasurementsPage;
  nextCursor: string | null;
}

export type RenderedPoint = {
  start?: string;
  end?: string;
  ts?: string;
  value?: number | null;
  values?: Record<string, number | null>;
  count?: number;
  quality?: string;
} & Partial<Completeness>;

/**
 * Renders instants in the answer's zone; a grid's boundaries are formatted once and shared by every series.
 * A bucket carries `value` (one aggregation) or `values` (several, by name, in the order asked), then
 * `count` and its completeness (completeness.ts).
 */
export function pointRenderer(
  answer: Answer,
): (p: EmittedBucket | RawPoint, s: OutputSeries, expected: Int32Array | null) => RenderedPoint {
  const format = zonedFormatter(answer.scope.timezone);
  const grid = answer.grid;
  const labels: (string | undefined)[] = grid ? new Array(grid.buckets.edges.length) : [];
  const label = (i: number) => (labels[i] ??= format(grid!.buckets.edges[i]!));
  return (p, s, expected) => {
    if ('ts' in p) return { ts: format(p.ts), value: p.value, ...(p.quality ? { quality: p.quality } : {}) };
    const value = s.aggregations
      ? { values: Object.fromEntries(s.aggregations.map((a, k) => [a, p.values![k]!])) }
      : { value: p.value };
    return {
      start: label(p.i),
      end: label(p.i + 1),
      ...value,
      count: p.count,
      ...completeness(p.count, p.estimated, p.substituted, expected ? expected[p.i]! : null),
    };
  };
}

export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** The JSON answer, in the canonical shape of ARCHITECTURE.md §6 (extended, never renamed). */
export function answerJson(answer: Answer): Record<string, unknown> {
  const { request, scope, plan, page } = answer;
  const render = pointRenderer(answer);
  const groups: { key: string; head: Record<string, unknown>; variables: Record<string, unknown>[] }[] = [];
  for (const segment of page.segments) {
    const s = plan[segment.series]!;
    const key = JSON.stringify(s.group);
    let group = groups[groups.length - 1];
    if (!group || group.key !== key) {
      group = { key, head: { ...s.group }, variables: [] };
      groups.push(group);
    }
    group.variables.push({
      name: s.name,
      unit: s.unit,
      kind: s.kind,
      ...(s.aggregations ? { aggregations: s.aggregations } : s.aggregation ? { aggregation: s.aggregation } : {}),
      lastIngestedAt: isoOrNull(segment.data.lastIngestedAt),
      ...(request.groupBy !== 'device' ? { deviceIds: s.members.map((m) => m.deviceId) } : {}),
      points: (segment.data.points as (EmittedBucket | RawPoint)[]).map((p) => render(p, s, segment.data.expected)),
    });
  }
  const listName = request.groupBy === 'device' ? 'devices' : request.groupBy === 'unit' ? 'units' : 'installations';
  return {
    installationId: scope.installation.installationId,
    ...(scope.unitId ? { unitId: scope.unitId } : {}),
    from: new Date(request.from).toISOString(),
    to: new Date(request.to).toISOString(),
    frequency: request.frequency,
    timezone: scope.timezone,
    groupBy: request.groupBy,
    fill: request.fill,
    [listName]: groups.map((g) => ({ ...g.head, variables: g.variables })),
    nextCursor: answer.nextCursor,
  };
}
