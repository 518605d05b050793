import type { MeasurementsQuery, PlannedStatement } from '@medido/measurements';
import { INSTALLATION_ID, TIMEZONE, VARIABLE, unitId, type Fleet } from '../harness/fleet.ts';
import type { ServerContext } from '../harness/context.ts';
import { rowWithBaseline, type BenchRow } from '../harness/report.ts';
import { percentile } from '../harness/stats.ts';
import { eventually } from '@medido/platform/testing/eventually';
import { PROBE_DEVICE } from './freshness.suite.ts';

const DAY = 86_400_000;
const RUNS = { full: 20, smoke: 3 };
/** Issue 14: every row, JSON and CSV, p50 and p99, within 1.3 × the same SQL run directly. */
const RATIO_TARGET = 1.3;
/** Issue 14: Arrow and Parquet answers within 1.1 × the engine writing the same rows in that format. */
const COLUMNAR_RATIO_TARGET = 1.1;
const COLUMNAR_RUNS = { full: 10, smoke: 2 };
const COLUMNAR = [
  { id: 'arrow', label: 'Arrow', accept: 'application/vnd.apache.arrow.stream', engine: 'ArrowStream' },
  { id: 'parquet', label: 'Parquet', accept: 'application/vnd.apache.parquet', engine: 'Parquet' },
] as const;

interface QueryCase {
  id: string;
  label: string;
  params: Record<string, string>;
  /** The meters the API reads for it (the baseline runs the store's SQL for the same series). */
  meters: string[];
  frequency: MeasurementsQuery['frequency'];
  from: number;
  to: number;
  /** The API's point count equals the SQL's rows (one row per point) when meters are not combined. */
  comparable: boolean;
}

function cases(f: Fleet): QueryCase[] {
  const iso = (t: number) => new Date(t).toISOString();
  const unit0 = [...f.meters.slice(0, f.metersPerUnit), PROBE_DEVICE];
  const all = [...f.meters, PROBE_DEVICE];
  const window = (days: number) => ({ from: f.end - days * DAY, to: f.end });
  const make = (
    id: string,
    label: string,
    scope: Record<string, string>,
    meters: string[],
    frequency: QueryCase['frequency'],
    days: number,
    extra: Record<string, string> = {},
  ): QueryCase => {
    const { from, to } = window(days);
    return {
      id,
      label,
      meters,
      frequency,
      from,
      to,
      comparable: !extra.groupBy,
      params: { ...scope, frequency, from: iso(from), to: iso(to), limit: '100000', ...extra },
    };
  };
  return [
    make(
      'query.raw-week',
      'raw week, 1 meter',
      { installationId: INSTALLATION_ID, deviceIds: f.meters[0]! },
      [f.meters[0]!],
      'raw',
      7,
    ),
    make('query.month-15m', `30 d at 15 min, ${unit0.length} meters`, { unitId: unitId(0) }, unit0, '15m', 30),
    make('query.year-daily', `1 y daily, ${all.length} meters`, { installationId: INSTALLATION_ID }, all, '1d', 365),
    make(
      'query.group-installation',
      `groupBy installation, 30 d hourly, ${all.length} meters`,
      { installationId: INSTALLATION_ID },
      all,
      '1h',
      30,
      { groupBy: 'installation' },
    ),
  ];
}

/**
 * Every page of an API answer, in turn, following the Link header (RFC 8288) as a client that streams
 * pages would; answers the time until the last byte of the last page, and the pages' bodies. The
 * bodies are parsed afterwards: the client's JSON parsing is not the server's latency.
 */
async function readAllPages(
  ctx: ServerContext,
  token: string,
  params: Record<string, string>,
  accept = 'application/json',
): Promise<{ ms: number; bodies: string[] }> {
  const bodies: string[] = [];
  const started = performance.now();
  for (let next: string | undefined = `/v1/measurements?${new URLSearchParams(params)}`; next;) {
    const answer = await ctx.http.send('GET', `${ctx.server.url}${next}`, { authorization: `Bearer ${token}`, accept });
    if (answer.status !== 200) throw new Error(`measurements answered ${answer.status}: ${answer.body.slice(0, 300)}`);
    bodies.push(answer.body);
    const link = answer.headers.link;
    next = typeof link === 'string' ? /^<([^>]+)>; rel="next"$/.exec(link)?.[1] : undefined;
  }
  return { ms: performance.now() - started, bodies };
}

/** Bytes of the first page as sent, JSON and CSV, identity and each coding the server negotiates. */
async function bytesOnTheWire(ctx: ServerContext, token: string, params: Record<string, string>): Promise<string> {
  const url = `${ctx.server.url}/v1/measurements?${new URLSearchParams(params)}`;
  const sizes: string[] = [];
  for (const accept of ['application/json', 'text/csv']) {
    const parts: string[] = [];
    for (const coding of ['identity', 'gzip', 'br', 'zstd']) {
      const answer = await ctx.http.send('GET', url, {
        authorization: `Bearer ${token}`,
        accept,
        'accept-encoding': coding,
      });
      const used = answer.headers['content-encoding'] ?? 'identity';
      if (used === coding) parts.push(`${coding} ${(answer.bytes / 1024).toFixed(0)} KiB`);
    }
    sizes.push(`${accept === 'text/csv' ? 'CSV' : 'JSON'} ${parts.join(', ')}`);
  }
  return sizes.join('; ');
}

function pointsIn(bodies: string[]): number {
  let points = 0;
  for (const body of bodies) {
    const page = JSON.parse(body) as Record<string, { variables: { points: unknown[] }[] }[]>;
    for (const key of ['devices', 'units', 'installations'])
      for (const series of page[key] ?? []) for (const v of series.variables) points += v.points.length;
  }
  return points;
}

const QUIET_TIMEOUT_MS = 20 * 60_000;

/**
 * Waits until the background rollup step has recomputed every write of the seed. Until then it runs
 * long INSERT … SELECTs beside the queries (they share the engine's two cores), and the API
 * plans dirty buckets from raw readings while the baseline keeps the statements explained once: the
 * rows would measure the catch-up, not the read path. Ingest while reading is the freshness suite's.
 */
async function untilRollupsQuiet(ctx: ServerContext): Promise<void> {
  const started = performance.now();
  const pending = await ctx.server.request<number>({ op: 'pending-rollups' });
  if (pending > 0) ctx.log(`queries: waiting for the background rollup step (${pending} marks to recompute)`);
  await eventually(
    async () => (await ctx.server.request<number>({ op: 'pending-rollups' })) === 0,
    'the background rollup step to recompute the seed',
    QUIET_TIMEOUT_MS,
    1_000,
  );
  ctx.log(`queries: rollups quiet after ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

/**
 * Representative /v1/measurements queries through the whole API (HTTP, token, catalog scope, planning,
 * every page, JSON) against the very SQL the store runs for them (`explain()`), executed directly on the
 * same engine in the same process, once the seed's rollups are recomputed. Runs alternate, so background
 * noise hits both alike.
 */
export async function querySuite(ctx: ServerContext): Promise<BenchRow[]> {
  await untilRollupsQuiet(ctx);
  const rows: BenchRow[] = [];
  const runs = RUNS[ctx.mode];
  for (const c of cases(ctx.fleet)) {
    ctx.log(`queries: ${c.label}`);
    // A grouped case's baseline is the SQL that combines the meters in the engine, as the API asks for it.
    const group = c.comparable ? undefined : 'all';
    const query: MeasurementsQuery = {
      series: c.meters.map((deviceId) => ({
        deviceId,
        variable: VARIABLE,
        kind: 'cumulative',
        aggregation: 'delta',
        group,
      })),
      from: c.from,
      to: c.to,
      frequency: c.frequency,
      timezone: TIMEZONE,
    };
    const statements = await ctx.server.request<PlannedStatement[]>({ op: 'explain', query });
    const token = await ctx.server.accessToken();
    const api: number[] = [];
    const csv: number[] = [];
    const direct: number[] = [];
    let apiPoints = 0;
    let sqlRows = 0;
    for (let i = -1; i < runs; i++) {
      const read = await readAllPages(ctx, token, c.params);
      const apiMs = read.ms;
      apiPoints = pointsIn(read.bodies);
      const sql = await ctx.server.request<{ times: number[]; rows: number }>({ op: 'run-sql', statements, runs: 1 });
      sqlRows = sql.rows;
      const csvMs = (await readAllPages(ctx, token, c.params, 'text/csv')).ms;
      if (i < 0) continue; // warm-up: caches, JIT
      api.push(apiMs);
      csv.push(csvMs);
      direct.push(sql.times[0]!);
    }
    if (c.comparable && apiPoints !== sqlRows)
      throw new Error(`${c.label}: the API answered ${apiPoints} points, the SQL ${sqlRows} rows`);
    const wire = await bytesOnTheWire(ctx, token, c.params);
    const note = `${apiPoints.toLocaleString('en-US')} points in the answer; SQL: ${statements.map((s) => s.role).join(' + ')}, ${sqlRows.toLocaleString('en-US')} rows; ${runs} runs; first page on the wire: ${wire}`;
    const formats = [
      { id: '', label: '', times: api, note },
      { id: '.csv', label: ', CSV', times: csv, note: undefined },
    ];
    for (const format of formats)
      for (const p of [50, 99]) {
        rows.push(
          rowWithBaseline({
            id: `${c.id}${format.id}.p${p}`,
            metric: `query p${p}: ${c.label}${format.label}`,
            value: percentile(format.times, p),
            unit: 'ms',
            baseline: { value: percentile(direct, p), label: 'same SQL on the engine' },
            targets: [{ on: 'ratio', op: '<=', limit: RATIO_TARGET }],
            ...(p === 50 && format.note ? { note: format.note } : {}),
          }),
        );
      }
    rows.push(...(await columnarRows(ctx, c, token, statements)));
  }
  return rows;
}

/**
 * Arrow and Parquet answers of a case (every page) against the engine writing the answer statements'
 * rows in that format, runs alternating; p50 of COLUMNAR_RUNS (fewer runs than JSON: each format adds a
 * pair per run, and the year-long case takes seconds).
 */
async function columnarRows(
  ctx: ServerContext,
  c: QueryCase,
  token: string,
  statements: PlannedStatement[],
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const format of COLUMNAR) {
    const api: number[] = [];
    const engine: number[] = [];
    for (let i = -1; i < COLUMNAR_RUNS[ctx.mode]; i++) {
      const read = await readAllPages(ctx, token, c.params, format.accept);
      const sql = await ctx.server.request<{ times: number[] }>({
        op: 'run-sql',
        statements,
        runs: 1,
        format: format.engine,
      });
      if (i < 0) continue; // warm-up
      api.push(read.ms);
      engine.push(sql.times[0]!);
    }
    rows.push(
      rowWithBaseline({
        id: `${c.id}.${format.id}.p50`,
        metric: `query p50: ${c.label}, ${format.label}`,
        value: percentile(api, 50),
        unit: 'ms',
        baseline: { value: percentile(engine, 50), label: `the engine writing ${format.engine}` },
        targets: [{ on: 'ratio', op: '<=', limit: COLUMNAR_RATIO_TARGET }],
        note: `${COLUMNAR_RUNS[ctx.mode]} runs; the API's ${format.label} is written by Medido from the engine's columns`,
      }),
    );
  }
  return rows;
}
