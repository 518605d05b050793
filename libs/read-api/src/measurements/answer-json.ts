import type { RawPoint } from '@medido/measurements';
import { AnswerBytes, bytesOf, keptPerCount, type BucketCounts } from './answer-bytes.ts';
import { isoOrNull, type Answer } from './answer.ts';
import { coverage, COVERAGE_DECIMALS } from './completeness.ts';
import type { EmittedBucket } from './fill.ts';
import { valueDecimals } from './series-plan.ts';
import { zonedFormatter } from './zoned-time.ts';

/**
 * The JSON answer written as bytes, in chunks: byte for byte `JSON.stringify(answerJson(answer))` (a unit
 * test holds them equal), without building an object or a string per point. Bucket bounds are written
 * once per grid boundary, as `{"start":…,"end":…,` prefixes shared by every series, and numbers go
 * digit by digit into the chunk that is sent (answer-bytes.ts); full chunks are yielded as they fill,
 * so a large page streams.
 */

const text = (s: string | null) => JSON.stringify(s);
const NULL = bytesOf('null');
/** The pieces between a bucket's numbers, in the order the answer object has them (completeness.ts). */
const PIECE = {
  value: bytesOf('"value":'),
  count: bytesOf(',"count":'),
  expected: bytesOf(',"expected":'),
  coverage: bytesOf(',"coverage":'),
  measured: bytesOf(',"measured":'),
  estimated: bytesOf(',"estimated":'),
  substituted: bytesOf(',"substituted":'),
  unknown: bytesOf(',"expected":null,"coverage":null'),
  completeUnknown: bytesOf(',"complete":null}'),
  complete: bytesOf(',"complete":true}'),
  incomplete: bytesOf(',"complete":false}'),
  ts: bytesOf('{"ts":'),
  quality: bytesOf(',"quality":'),
  close: bytesOf('}'),
  comma: bytesOf(','),
};

/** A number as JSON.stringify writes it, given the decimals it was rounded to. */
function number(out: AnswerBytes, v: number | null, decimals: number): void {
  if (v === null || !Number.isFinite(v)) out.bytes(NULL);
  else out.decimal(v, decimals);
}

/** A bucket's count and completeness members (completeness.ts has their meaning), closing the point. */
function countAndCompleteness(out: AnswerBytes, p: BucketCounts, expected: number | null): void {
  out.bytes(PIECE.count);
  out.integer(p.count);
  if (expected === null) out.bytes(PIECE.unknown);
  else {
    out.bytes(PIECE.expected);
    out.integer(expected);
    out.bytes(PIECE.coverage);
    out.decimal(coverage(p.count, expected)!, COVERAGE_DECIMALS);
  }
  out.bytes(PIECE.measured);
  out.integer(p.count - p.estimated - p.substituted);
  out.bytes(PIECE.estimated);
  out.integer(p.estimated);
  out.bytes(PIECE.substituted);
  out.integer(p.substituted);
  out.bytes(expected === null ? PIECE.completeUnknown : p.count >= expected ? PIECE.complete : PIECE.incomplete);
}

export function* answerJsonChunks(answer: Answer): Generator<Buffer> {
  const { request, scope, plan, page, grid } = answer;
  const format = zonedFormatter(scope.timezone);
  const out = new AnswerBytes();
  const writeCounts = keptPerCount(countAndCompleteness);
  const prefixes: (Buffer | undefined)[] = grid ? new Array(grid.buckets.edges.length) : [];
  const label = (i: number) =>
    (prefixes[i] ??= bytesOf(
      `{"start":${text(format(grid!.buckets.edges[i]!))},"end":${text(format(grid!.buckets.edges[i + 1]!))},`,
    ));
  const listName = request.groupBy === 'device' ? 'devices' : request.groupBy === 'unit' ? 'units' : 'installations';
  out.text(
    `{"installationId":${text(scope.installation.installationId)}${scope.unitId ? `,"unitId":${text(scope.unitId)}` : ''}` +
      `,"from":${text(new Date(request.from).toISOString())},"to":${text(new Date(request.to).toISOString())}` +
      `,"frequency":${text(request.frequency)},"timezone":${text(scope.timezone)},"groupBy":${text(request.groupBy)},"fill":${text(request.fill)}` +
      `,${text(listName)}:[`,
  );
  let groupKey: string | null = null;
  for (const [n, segment] of page.segments.entries()) {
    const s = plan[segment.series]!;
    const key = JSON.stringify(s.group);
    if (key !== groupKey) {
      out.text(`${groupKey === null ? '' : ']},'}${key.slice(0, -1)}${key.length > 2 ? ',' : ''}"variables":[`);
      groupKey = key;
    } else if (n > 0) out.bytes(PIECE.comma);
    const aggregation = s.aggregations
      ? `,"aggregations":${JSON.stringify(s.aggregations)}`
      : s.aggregation
        ? `,"aggregation":${text(s.aggregation)}`
        : '';
    out.text(
      `{"name":${text(s.name)},"unit":${text(s.unit)},"kind":${text(s.kind)}${aggregation}` +
        `,"lastIngestedAt":${text(isoOrNull(segment.data.lastIngestedAt))}` +
        `${request.groupBy !== 'device' ? `,"deviceIds":${JSON.stringify(s.members.map((m) => m.deviceId))}` : ''},"points":[`,
    );
    // With several aggregations, `"values":{"min":…,"max":…}` in place of `"value":…`.
    const names = s.aggregations?.map((a, k) => bytesOf(`${k === 0 ? '"values":{' : ','}${text(a)}:`));
    const decimals = valueDecimals(s);
    const expected = segment.data.expected;
    const list = segment.data.points as (EmittedBucket | RawPoint)[];
    for (let k = 0; k < list.length; k++) {
      const p = list[k]!;
      if (k > 0) out.bytes(PIECE.comma);
      if ('ts' in p) {
        out.bytes(PIECE.ts);
        out.text(text(format(p.ts)));
        out.bytes(PIECE.comma);
        out.bytes(PIECE.value);
        number(out, p.value, s.decimals);
        if (p.quality) {
          out.bytes(PIECE.quality);
          out.text(text(p.quality));
        }
        out.bytes(PIECE.close);
      } else {
        out.bytes(label(p.i));
        if (names) {
          for (let a = 0; a < names.length; a++) {
            out.bytes(names[a]!);
            number(out, p.values![a]!, decimals[a]!);
          }
          out.bytes(PIECE.close);
        } else {
          out.bytes(PIECE.value);
          number(out, p.value, decimals[0]!);
        }
        writeCounts(out, p, expected ? expected[p.i]! : null);
      }
      if (out.hasFull) yield* out.takeFull();
    }
    out.text(']}');
  }
  out.text(`${groupKey === null ? '' : ']}'}],"nextCursor":${text(answer.nextCursor)}}`);
  yield* out.end();
}
