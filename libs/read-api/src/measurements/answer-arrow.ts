import {
  AsyncByteQueue,
  Bool,
  Decimal,
  Dictionary,
  Field,
  Float64,
  Int32,
  makeData,
  RecordBatch,
  RecordBatchStreamWriter,
  Schema,
  Struct,
  TimestampMillisecond,
  Uint8,
  Utf8,
  vectorFromArray,
  type Data,
} from 'apache-arrow';
import { READING_QUALITIES } from '@medido/contracts';
import type { RawPoint } from '@medido/measurements';
import { answerDecimals } from '@medido/measurements';
import type { Answer } from './answer.ts';
import { DECIMAL_PRECISION, writeDecimal } from './arrow-decimal.ts';
import { completeness, COMPLETENESS_FIELDS, type Completeness } from './completeness.ts';
import type { EmittedBucket } from './fill.ts';
import type { OutputSeries } from './series-plan.ts';

/**
 * The answer as an Arrow IPC stream (`application/vnd.apache.arrow.stream`): one row per point, the
 * columns of the CSV answer, from the same page, in record batches of ARROW_BATCH_ROWS rows written while the
 * socket drains (the page is in memory already; the stream adds one batch).
 * - ids, variable, unit, aggregation and quality are dictionary-encoded; every dictionary is built from
 *   the page's series before the first batch, so each is sent once, ahead of the rows;
 * - bucket `start`/`end` and raw `ts` are timestamp[ms, UTC] (the zone of the answer is in the schema
 *   metadata, `medido:timezone`);
 * - aggregated values are Decimal128(38, s): the exact decimals of the JSON answer, s the most decimals
 *   any series of the query answers with (the variable's declared decimals, 3 more for avg, 0 for count),
 *   so one scale holds every row and every page of the query; `decimals` is each row's declared decimals
 *   (quantize to it, or to it + 3 for avg, to print the JSON text). Raw values are float64: the reading as
 *   stored, which JSON prints as the shortest text that reads back to it;
 * - count and completeness: a completeness field the API adds later gets a column without an edit here
 *   (float64, or bool for a boolean; the integer ones are listed below).
 * @see https://arrow.apache.org/docs/format/Columnar.html#ipc-streaming-format
 */
export const ARROW_STREAM_TYPE = 'application/vnd.apache.arrow.stream';

export const ARROW_BATCH_ROWS = 16_384;
/** Dictionary columns whose value is the series' (ids, variable, unit, aggregation). */
const PER_SERIES_TEXTS = 6;

type Point = EmittedBucket | RawPoint;
/** What a row's columns read: its series (with the dictionary index of each per-series column), point and completeness. */
interface SeriesRow {
  s: OutputSeries;
  codes: Int32Array;
}
interface Rows {
  n: number;
  series: SeriesRow[];
  points: Point[];
  done: (Completeness | null)[];
}

interface Column {
  field: Field;
  build(rows: Rows): Data;
}

/** A validity bitmap (bit set: present) for the rows where `present` holds, or undefined when all do. */
function validity(n: number, present: (k: number) => boolean): { nullBitmap?: Uint8Array; nullCount: number } {
  let bitmap: Uint8Array | undefined;
  let nulls = 0;
  for (let k = 0; k < n; k++) {
    if (present(k)) continue;
    if (!bitmap) bitmap = new Uint8Array((n + 7) >> 3).fill(0xff);
    bitmap[k >> 3]! &= ~(1 << (k & 7));
    nulls++;
  }
  return bitmap ? { nullBitmap: bitmap, nullCount: nulls } : { nullCount: 0 };
}

/** A dictionary column of a per-series text (null allowed): its dictionary lists the page's distinct values. */
function seriesText(
  name: string,
  slot: number,
  id: number,
  valueOf: (s: OutputSeries) => string | null,
  series: OutputSeries[],
  codes: Map<OutputSeries, Int32Array>,
): Column {
  const values: string[] = [];
  const index = new Map<string, number>();
  for (const s of series) {
    const v = valueOf(s);
    let code = -1;
    if (v !== null) {
      code = index.get(v) ?? -1;
      if (code < 0) {
        code = values.length;
        index.set(v, code);
        values.push(v);
      }
    }
    codes.get(s)![slot] = code;
  }
  const type = new Dictionary(new Utf8(), new Int32(), id);
  const dictionary = vectorFromArray(values, new Utf8()); // one Vector shared by every batch: the writer sends it once
  return {
    field: new Field(name, type, true),
    build(rows) {
      const data = new Int32Array(rows.n);
      for (let k = 0; k < rows.n; k++) data[k] = rows.series[k]!.codes[slot]!;
      return makeData({ type, length: rows.n, data, dictionary, ...validity(rows.n, (k) => data[k]! >= 0) });
    },
  };
}

function timestamp(name: string, msOf: (rows: Rows, k: number) => number): Column {
  const type = new TimestampMillisecond('UTC');
  return {
    field: new Field(name, type, false),
    build(rows) {
      const words = new Int32Array(rows.n * 2); // int64 little-endian, without a BigInt per cell
      for (let k = 0; k < rows.n; k++) {
        const ms = msOf(rows, k);
        words[2 * k] = ms | 0;
        words[2 * k + 1] = Math.floor(ms / 2 ** 32);
      }
      return makeData({ type, length: rows.n, data: new BigInt64Array(words.buffer), nullCount: 0 });
    },
  };
}

function numeric(
  name: string,
  kind: 'float64' | 'int32' | 'uint8',
  valueOf: (rows: Rows, k: number) => number | null,
): Column {
  const type = kind === 'float64' ? new Float64() : kind === 'int32' ? new Int32() : new Uint8();
  const Array_ = kind === 'float64' ? Float64Array : kind === 'int32' ? Int32Array : Uint8Array;
  return {
    field: new Field(name, type, true),
    build(rows) {
      const data = new Array_(rows.n);
      const present = new Uint8Array(rows.n);
      for (let k = 0; k < rows.n; k++) {
        const v = valueOf(rows, k);
        if (v !== null && Number.isFinite(v)) {
          data[k] = v;
          present[k] = 1;
        }
      }
      return makeData({
        type: type as Float64,
        length: rows.n,
        data: data as Float64Array,
        ...validity(rows.n, (k) => present[k] === 1),
      });
    },
  };
}

function boolean(name: string, valueOf: (rows: Rows, k: number) => boolean | null): Column {
  const type = new Bool();
  return {
    field: new Field(name, type, true),
    build(rows) {
      const bits = new Uint8Array((rows.n + 7) >> 3);
      const present = new Uint8Array(rows.n);
      for (let k = 0; k < rows.n; k++) {
        const v = valueOf(rows, k);
        if (v === null) continue;
        present[k] = 1;
        if (v) bits[k >> 3]! |= 1 << (k & 7);
      }
      return makeData({ type, length: rows.n, data: bits, ...validity(rows.n, (k) => present[k] === 1) });
    },
  };
}

function decimal(name: string, scale: number, valueOf: (rows: Rows, k: number) => number | null): Column {
  const type = new Decimal(scale, DECIMAL_PRECISION, 128);
  return {
    field: new Field(name, type, true),
    build(rows) {
      const words = new Uint32Array(rows.n * 4);
      const present = new Uint8Array(rows.n);
      for (let k = 0; k < rows.n; k++) {
        const v = valueOf(rows, k);
        if (v !== null && Number.isFinite(v)) {
          writeDecimal(words, k, v, scale);
          present[k] = 1;
        }
      }
      return makeData({ type, length: rows.n, data: words, ...validity(rows.n, (k) => present[k] === 1) });
    },
  };
}

/** Completeness fields that count readings; the others are fractions (float64) or flags (bool). */
const COUNT_FIELDS: ReadonlySet<string> = new Set(['expected', 'measured', 'estimated', 'substituted']);
const SAMPLE = completeness(2, 1, 0, 4);

function completenessColumn(name: (typeof COMPLETENESS_FIELDS)[number]): Column {
  const at = (rows: Rows, k: number) => rows.done[k]![name];
  if (typeof SAMPLE[name] === 'boolean') return boolean(name, (rows, k) => at(rows, k) as boolean | null);
  return numeric(name, COUNT_FIELDS.has(name) ? 'int32' : 'float64', (rows, k) => at(rows, k) as number | null);
}

/** The columns of an answer, in the CSV answer's order (plus `decimals`); dictionaries from the page's series. */
function columnsOf(answer: Answer, codes: Map<OutputSeries, Int32Array>): Column[] {
  const grid = answer.grid;
  const series = answer.page.segments.map((seg) => answer.plan[seg.series]!);
  for (const s of series) codes.set(s, new Int32Array(PER_SERIES_TEXTS));
  let id = 0;
  const text = (name: string, valueOf: (s: OutputSeries) => string | null) =>
    seriesText(name, id, id++, valueOf, series, codes);
  const installationId = answer.scope.installation.installationId;
  const head = [
    text('installationId', () => installationId),
    text('unitId', (s) => ('unitId' in s.group ? s.group.unitId : null)),
    text('deviceId', (s) => ('deviceId' in s.group ? s.group.deviceId : null)),
    text('variable', (s) => s.name),
    text('unit', (s) => s.unit),
  ];
  const declared = numeric('decimals', 'uint8', (rows, k) => rows.series[k]!.s.decimals);
  if (!grid) {
    return [
      ...head,
      timestamp('ts', (rows, k) => (rows.points[k] as RawPoint).ts),
      numeric('value', 'float64', (rows, k) => (rows.points[k] as RawPoint).value),
      quality(id),
      declared,
    ];
  }
  // The scale of a value column: the most decimals it answers with, over every series of the query (not the page).
  const several = answer.plan.find((s) => s.aggregations)?.aggregations;
  const scaleOf = (k: number) =>
    Math.max(
      0,
      ...answer.plan.map((s) => answerDecimals((s.aggregations ?? [s.aggregation!])[k] ?? s.aggregation!, s.decimals)),
    );
  const values = several
    ? several.map((a, i) =>
        decimal(`value_${a}`, scaleOf(i), (rows, k) => (rows.points[k] as EmittedBucket).values![i]!),
      )
    : [decimal('value', scaleOf(0), (rows, k) => (rows.points[k] as EmittedBucket).value)];
  return [
    ...head,
    text('aggregation', (s) => s.aggregations?.join(',') ?? s.aggregation),
    timestamp('start', (rows, k) => grid.buckets.edges[(rows.points[k] as EmittedBucket).i]!),
    timestamp('end', (rows, k) => grid.buckets.edges[(rows.points[k] as EmittedBucket).i + 1]!),
    ...values,
    numeric('count', 'int32', (rows, k) => (rows.points[k] as EmittedBucket).count),
    ...COMPLETENESS_FIELDS.map(completenessColumn),
    declared,
  ];
}

/** Raw readings' quality (measured readings have none), dictionary-encoded over the qualities a reading can have. */
function quality(id: number): Column {
  const names: readonly string[] = READING_QUALITIES;
  const type = new Dictionary(new Utf8(), new Int32(), id);
  const dictionary = vectorFromArray(names as string[], new Utf8());
  return {
    field: new Field('quality', type, true),
    build(rows) {
      const data = new Int32Array(rows.n);
      for (let k = 0; k < rows.n; k++) data[k] = names.indexOf((rows.points[k] as RawPoint).quality);
      return makeData({ type, length: rows.n, data, dictionary, ...validity(rows.n, (k) => data[k]! >= 0) });
    },
  };
}

/** The writer's sink: collects what each write produces, so every batch is handed on synchronously. */
class ChunkSink extends AsyncByteQueue {
  chunks: Uint8Array[] = [];
  override write(value: Uint8Array): void {
    this.chunks.push(value);
  }
  take(): Uint8Array {
    const chunks = this.chunks;
    this.chunks = [];
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  }
}

/** Yields the IPC stream in chunks: the schema and dictionaries, then one record batch each, then end-of-stream. */
export function* answerArrow(answer: Answer): Generator<Uint8Array> {
  const codes = new Map<OutputSeries, Int32Array>();
  const columns = columnsOf(answer, codes);
  const metadata = new Map([
    ['medido:timezone', answer.scope.timezone],
    ['medido:frequency', answer.request.frequency],
    ['medido:groupBy', answer.request.groupBy],
    ...(answer.nextCursor ? [['medido:nextCursor', answer.nextCursor] as [string, string]] : []),
  ]);
  const schema = new Schema(
    columns.map((c) => c.field),
    metadata,
  );
  const struct = new Struct(schema.fields);
  const sink = new ChunkSink();
  const writer = new RecordBatchStreamWriter();
  writer.reset(sink, schema);
  const seriesRows = answer.page.segments.map((seg) => {
    const s = answer.plan[seg.series]!;
    return { s, codes: codes.get(s)! };
  });
  let rows: Rows = { n: 0, series: [], points: [], done: [] };
  const flush = (): Uint8Array => {
    const children = columns.map((c) => c.build(rows));
    writer.write(new RecordBatch(schema, makeData({ type: struct, length: rows.n, nullCount: 0, children })));
    rows = { n: 0, series: [], points: [], done: [] };
    return sink.take();
  };
  for (const [n, segment] of answer.page.segments.entries()) {
    const row = seriesRows[n]!;
    const expected = segment.data.expected;
    for (const p of segment.data.points as Point[]) {
      rows.series.push(row);
      rows.points.push(p);
      rows.done.push(
        'ts' in p ? null : completeness(p.count, p.estimated, p.substituted, expected ? expected[p.i]! : null),
      );
      if (++rows.n === ARROW_BATCH_ROWS) yield flush();
    }
  }
  if (rows.n > 0) yield flush();
  writer.finish(); // end-of-stream marker
  const end = sink.take();
  if (end.byteLength > 0) yield end;
}
