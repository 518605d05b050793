import type { RawPoint } from '@medido/measurements';
import type { Answer } from './answer.ts';
import { completeness, COMPLETENESS_FIELDS } from './completeness.ts';
import type { EmittedBucket } from './fill.ts';
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

const ROWS_PER_CHUNK = 2_000;

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

/** A value as the JSON answer writes it; an empty field for null. */
const csvNumber = (v: number | null) => (v === null || !Number.isFinite(v) ? '' : String(v));

/** The completeness fields of a bucket row (empty where null). */
function completenessCsv(p: EmittedBucket, expected: number | null): string {
  const c = completeness(p.count, p.estimated, p.substituted, expected);
  let out = '';
  for (const name of COMPLETENESS_FIELDS) out += `,${c[name] === null ? '' : String(c[name])}`;
  return out;
}

/** Yields the CSV text in chunks, so a large page streams instead of being built as one string. */
export function* answerCsv(answer: Answer): Generator<string> {
  const raw = answer.grid === null;
  const format = zonedFormatter(answer.scope.timezone);
  const grid = answer.grid;
  // `start,end,` of each bucket, formatted once per boundary and shared by every series.
  const bounds: (string | undefined)[] = grid ? new Array(grid.buckets.edges.length) : [];
  const boundsOf = (i: number) =>
    (bounds[i] ??= `${field(format(grid!.buckets.edges[i]!))},${field(format(grid!.buckets.edges[i + 1]!))},`);
  const installationId = answer.scope.installation.installationId;
  // Every series of an answer has the same aggregations asked (or one each).
  const several = answer.plan.find((s) => s.aggregations)?.aggregations;
  let chunk = `${(raw ? RAW_COLUMNS : bucketColumns(several)).join(',')}\r\n`;
  let rows = 0;
  for (const segment of answer.page.segments) {
    const s = answer.plan[segment.series]!;
    const unitId = 'unitId' in s.group ? s.group.unitId : null;
    const deviceId = 'deviceId' in s.group ? s.group.deviceId : null;
    const head = `${field(installationId)},${field(unitId)},${field(deviceId)},${field(s.name)},${field(s.unit)},`;
    const bucketHead = `${head}${field(s.aggregations?.join(',') ?? s.aggregation)},`;
    const expected = segment.data.expected;
    for (const p of segment.data.points as (EmittedBucket | RawPoint)[]) {
      chunk +=
        'ts' in p
          ? `${head}${field(format(p.ts))},${csvNumber(p.value)},${field(p.quality)}\r\n`
          : `${bucketHead}${boundsOf(p.i)}${p.values ? p.values.map(csvNumber).join(',') : csvNumber(p.value)},${p.count}${completenessCsv(p, expected ? expected[p.i]! : null)}\r\n`;
      if (++rows % ROWS_PER_CHUNK === 0) {
        yield chunk;
        chunk = '';
      }
    }
  }
  if (chunk) yield chunk;
}
