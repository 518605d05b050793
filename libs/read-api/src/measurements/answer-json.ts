import type { RawPoint } from '@medido/measurements';
import { isoOrNull, type Answer } from './answer.ts';
import { coverage } from './completeness.ts';
import type { EmittedBucket } from './fill.ts';
import { zonedFormatter } from './zoned-time.ts';

/**
 * The JSON answer written as text, in chunks: byte for byte `JSON.stringify(answerJson(answer))` (a unit
 * test holds them equal), without building an object per point and serializing it again. Bucket bounds
 * are formatted once per grid boundary and shared, as `{"start":…,"end":…,"value":` prefixes, by every
 * series; a chunk is yielded every few thousand points so a large page streams.
 */
const POINTS_PER_CHUNK = 4_000;

const text = (s: string | null) => JSON.stringify(s);
/** JSON.stringify's number text: non-finite values are null. */
export const jsonNumber = (v: number | null) => (v === null || !Number.isFinite(v) ? 'null' : String(v));

/**
 * The completeness members of a bucket point, after its count, in the order of COMPLETENESS_FIELDS
 * (completeness.ts has their meaning), written without building an object per point: the unit test
 * holding this text equal to JSON.stringify of the answer object keeps the two in step.
 */
function completenessJson(p: EmittedBucket, expected: number | null): string {
  const counts = `,"measured":${p.count - p.estimated - p.substituted},"estimated":${p.estimated},"substituted":${p.substituted}`;
  return expected === null
    ? `,"expected":null,"coverage":null${counts},"complete":null`
    : `,"expected":${expected},"coverage":${coverage(p.count, expected)}${counts},"complete":${p.count >= expected}`;
}

export function* answerJsonChunks(answer: Answer): Generator<string> {
  const { request, scope, plan, page, grid } = answer;
  const format = zonedFormatter(scope.timezone);
  const prefixes: (string | undefined)[] = grid ? new Array(grid.buckets.edges.length) : [];
  const label = (i: number) =>
    (prefixes[i] ??=
      `{"start":${text(format(grid!.buckets.edges[i]!))},"end":${text(format(grid!.buckets.edges[i + 1]!))},`);
  const listName = request.groupBy === 'device' ? 'devices' : request.groupBy === 'unit' ? 'units' : 'installations';
  let out =
    `{"installationId":${text(scope.installation.installationId)}${scope.unitId ? `,"unitId":${text(scope.unitId)}` : ''}` +
    `,"from":${text(new Date(request.from).toISOString())},"to":${text(new Date(request.to).toISOString())}` +
    `,"frequency":${text(request.frequency)},"timezone":${text(scope.timezone)},"groupBy":${text(request.groupBy)},"fill":${text(request.fill)}` +
    `,${text(listName)}:[`;
  let groupKey: string | null = null;
  let points = 0;
  for (const [n, segment] of page.segments.entries()) {
    const s = plan[segment.series]!;
    const key = JSON.stringify(s.group);
    if (key !== groupKey) {
      out += `${groupKey === null ? '' : ']},'}${key.slice(0, -1)}${key.length > 2 ? ',' : ''}"variables":[`;
      groupKey = key;
    } else if (n > 0) out += ',';
    const aggregation = s.aggregations
      ? `,"aggregations":${JSON.stringify(s.aggregations)}`
      : s.aggregation
        ? `,"aggregation":${text(s.aggregation)}`
        : '';
    // With several aggregations, `"values":{"min":…,"max":…}` in place of `"value":…`.
    const names = s.aggregations?.map((a, k) => `${k === 0 ? '"values":{' : ','}${text(a)}:`);
    const expected = segment.data.expected;
    out +=
      `{"name":${text(s.name)},"unit":${text(s.unit)},"kind":${text(s.kind)}${aggregation}` +
      `,"lastIngestedAt":${text(isoOrNull(segment.data.lastIngestedAt))}` +
      `${request.groupBy !== 'device' ? `,"deviceIds":${JSON.stringify(s.members.map((m) => m.deviceId))}` : ''},"points":[`;
    const list = segment.data.points as (EmittedBucket | RawPoint)[];
    for (let k = 0; k < list.length; k++) {
      const p = list[k]!;
      if (k > 0) out += ',';
      if ('ts' in p)
        out += `{"ts":${text(format(p.ts))},"value":${jsonNumber(p.value)}${p.quality ? `,"quality":${text(p.quality)}` : ''}}`;
      else {
        out += label(p.i);
        if (names) for (let k = 0; k < names.length; k++) out += names[k]! + jsonNumber(p.values![k]!);
        out += `${names ? '}' : `"value":${jsonNumber(p.value)}`},"count":${p.count}${completenessJson(p, expected ? expected[p.i]! : null)}}`;
      }
      if (++points % POINTS_PER_CHUNK === 0) {
        yield out;
        out = '';
      }
    }
    out += ']}';
  }
  out += `${groupKey === null ? '' : ']}'}],"nextCursor":${text(answer.nextCursor)}}`;
  yield out;
}
