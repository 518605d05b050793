import type { RawPoint } from '@medido/measurements';
import { AnswerBytes, bytesOf, keptPerCount, type BucketCounts } from './answer-bytes.ts';
import type { Answer } from './answer.ts';
import { coverage, COMPLETENESS_FIELDS, COVERAGE_DECIMALS } from './completeness.ts';
import type { EmittedBucket } from './fill.ts';
import { valueDecimals } from './series-plan.ts';
import { zonedFormatter } from './zoned-time.ts';

/**
 * The answer as CSV (RFC 4180, header row): one row per point, written from the same page as the JSON
 * answer, so both carry the same numbers. Grouped answers leave the columns they do not group by empty
 * (deviceId for groupBy=unit; unitId and deviceId for groupBy=installation). The next page is announced
 * in the Link header (RFC 8288), since a CSV body has nowhere to say it.
 * @see https://www.rfc-editor.org/rfc/rfc4180
 */
export const BUCKET_COLUMNS = [
  'installationId',
  'unitId',
  'deviceId',
  'variable',
  'unit',
  'aggregation',
  'start',
  'end',
  'value',
  'count',
  ...COMPLETENESS_FIELDS,
];

/** The bucket header of an answer: with several aggregations, `value_<aggregation>` columns in place of `value`, in the order asked. */
export function bucketColumns(aggregations: readonly string[] | undefined): string[] {
  return aggregations
    ? BUCKET_COLUMNS.flatMap((c) => (c === 'value' ? aggregations.map((a) => `value_${a}`) : [c]))
    : BUCKET_COLUMNS;
}
export const RAW_COLUMNS = ['installationId', 'unitId', 'deviceId', 'variable', 'unit', 'ts', 'value', 'quality'];

export function field(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A file name for a download (RFC 6266 `filename`): what, where, which window in the answer's zone, which
 * frequency, e.g. `measurements_inst-1_2026-10-01_2026-11-01_1d.csv`. Ids are ASCII already; `:` (allowed
 * in ids, not in Windows file names) becomes `-`.
 * @see https://www.rfc-editor.org/rfc/rfc6266#section-4.3
 */
export function csvFileName(answer: Answer): string {
  const format = zonedFormatter(answer.scope.timezone);
  // Local date, plus hh-mm when the instant is not a local midnight.
  const when = (ms: number) =>
    format(ms)
      .replace(/^(\d{4}-\d{2}-\d{2})T00:00(:00)?(\.\d+)?([Z+-].*)?$/, '$1')
      .replace(/T(\d{2}):(\d{2}).*$/, 'T$1-$2');
  const { request } = answer;
  const name = ['measurements', request.scope.id, when(request.from), when(request.to), request.frequency]
    .join('_')
    .replace(/[^A-Za-z0-9._-]/g, '-');
  return `${name}.csv`;
}

/** A value as the JSON answer writes it (given the decimals it was rounded to); an empty field for null. */
function csvNumber(out: AnswerBytes, v: number | null, decimals: number): void {
  if (v !== null && Number.isFinite(v)) out.decimal(v, decimals);
}

const COMMA = bytesOf(',');
const LINE_END = bytesOf('\r\n');

/** `,count` and the completeness fields of a bucket row, in COMPLETENESS_FIELDS' order (empty where null). */
function countAndCompleteness(out: AnswerBytes, p: BucketCounts, expected: number | null): void {
  out.bytes(COMMA);
  out.integer(p.count);
  out.bytes(COMMA);
  if (expected !== null) {
    out.integer(expected);
    out.bytes(COMMA);
    out.decimal(coverage(p.count, expected)!, COVERAGE_DECIMALS);
  } else out.bytes(COMMA);
  for (const n of [p.count - p.estimated - p.substituted, p.estimated, p.substituted]) {
    out.bytes(COMMA);
    out.integer(n);
  }
  out.bytes(COMMA);
  if (expected !== null) out.text(p.count >= expected ? 'true' : 'false');
  out.bytes(LINE_END);
}

/**
 * Yields the CSV bytes in chunks, as they fill, so a large page streams instead of being built whole;
 * each row's pieces are written into the chunk that is sent (answer-bytes.ts).
 */
export function* answerCsv(answer: Answer): Generator<Buffer> {
  const raw = answer.grid === null;
  const format = zonedFormatter(answer.scope.timezone);
  const grid = answer.grid;
  const out = new AnswerBytes();
  const writeCounts = keptPerCount(countAndCompleteness);
  // `start,end,` of each bucket, formatted once per boundary and shared by every series.
  const bounds: (Buffer | undefined)[] = grid ? new Array(grid.buckets.edges.length) : [];
  const boundsOf = (i: number) =>
    (bounds[i] ??= bytesOf(`${field(format(grid!.buckets.edges[i]!))},${field(format(grid!.buckets.edges[i + 1]!))},`));
  const installationId = answer.scope.installation.installationId;
  // Every series of an answer has the same aggregations asked (or one each).
  const several = answer.plan.find((s) => s.aggregations)?.aggregations;
  out.text(`${(raw ? RAW_COLUMNS : bucketColumns(several)).join(',')}\r\n`);
  for (const segment of answer.page.segments) {
    const s = answer.plan[segment.series]!;
    const unitId = 'unitId' in s.group ? s.group.unitId : null;
    const deviceId = 'deviceId' in s.group ? s.group.deviceId : null;
    const headText = `${field(installationId)},${field(unitId)},${field(deviceId)},${field(s.name)},${field(s.unit)},`;
    const head = bytesOf(headText);
    const bucketHead = bytesOf(`${headText}${field(s.aggregations?.join(',') ?? s.aggregation)},`);
    const decimals = valueDecimals(s);
    const expected = segment.data.expected;
    for (const p of segment.data.points as (EmittedBucket | RawPoint)[]) {
      if ('ts' in p) {
        out.bytes(head);
        out.text(field(format(p.ts)));
        out.bytes(COMMA);
        csvNumber(out, p.value, s.decimals);
        out.bytes(COMMA);
        out.text(field(p.quality));
        out.bytes(LINE_END);
      } else {
        out.bytes(bucketHead);
        out.bytes(boundsOf(p.i));
        if (p.values)
          for (let a = 0; a < p.values.length; a++) {
            if (a > 0) out.bytes(COMMA);
            csvNumber(out, p.values[a]!, decimals[a]!);
          }
        else csvNumber(out, p.value, decimals[0]!);
        writeCounts(out, p, expected ? expected[p.i]! : null);
      }
      if (out.hasFull) yield* out.takeFull();
    }
  }
  yield* out.end();
}
