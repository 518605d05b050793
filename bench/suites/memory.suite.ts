import { MiB, peakOf, startEmbedded, type EmbeddedProcess } from '../../test/bounds/embedded-process.ts';
import type { BenchContext } from '../harness/context.ts';
import type { BenchRow } from '../harness/report.ts';
import { sleep } from '../harness/stats.ts';

/**
 * Memory of a large export: the embedded default in its own process (chDB in it), a raw answer of about
 * 1 M points (full mode) read page after page (100 000 points, the largest page) at full speed, once as
 * JSON, CSV, Arrow and Parquet each; the row is the growth of the process' RSS over its size after a warm-up
 * export of the same format (JIT, chDB caches and the allocator at their steady size). Every format
 * renders from one page held in memory and streams while the socket drains (Parquet: one page's file), so
 * the growth is one page's worth, whatever the size of the export. A process of its own, so the figure is this answer's alone.
 */
const SIZES = { full: { meters: 350, days: 30 }, smoke: { meters: 4, days: 2 } };
const PAGE = 100_000;
const STEP = 15 * 60_000;
const END = Date.UTC(2026, 0, 1);
const BOUND_MIB = 64;
const FORMATS = [
  { id: 'json', label: 'JSON', accept: 'application/json' },
  { id: 'csv', label: 'CSV', accept: 'text/csv' },
  { id: 'arrow', label: 'Arrow', accept: 'application/vnd.apache.arrow.stream' },
  // Not streamed (a Parquet file ends with its index): each page is written whole, then sent.
  { id: 'parquet', label: 'Parquet', accept: 'application/vnd.apache.parquet' },
] as const;

async function post(medido: EmbeddedProcess, path: string, body: unknown): Promise<void> {
  const answer = await fetch(`${medido.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${medido.ingestToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (answer.status !== 202)
    throw new Error(`${path} answered ${answer.status}: ${(await answer.text()).slice(0, 300)}`);
}

const meterId = (m: number) => `mem-${String(m).padStart(4, '0')}`;

/** Registers the meters and posts their readings (one every 15 min); answers when all are projected. */
async function load(medido: EmbeddedProcess, meters: number, from: number, log: (m: string) => void): Promise<number> {
  const variables = [{ name: 'active_energy_import', unit: 'kWh', kind: 'cumulative', decimals: 3 }];
  await post(medido, '/v1/ingest/catalog', {
    events: [
      { type: 'OrganizationRegistered', data: { organizationId: 'org-mem', name: 'Memory', visibility: 'public' } },
      {
        type: 'InstallationRegistered',
        data: { installationId: 'inst-mem', organizationId: 'org-mem', name: 'Export', timezone: 'America/Santiago' },
      },
      ...Array.from({ length: meters }, (_, m) => ({
        type: 'DeviceRegistered',
        data: { deviceId: meterId(m), installationId: 'inst-mem', variables },
      })),
    ],
  });
  let total = 0;
  for (let m = 0; m < meters; m += 10) {
    const readings = [];
    for (let d = m; d < Math.min(m + 10, meters); d++) {
      for (let t = from; t < END; t += STEP)
        readings.push({
          deviceId: meterId(d),
          variable: 'active_energy_import',
          ts: new Date(t).toISOString(),
          value: (t - from) / 3_600_000 + d / 1000,
        });
    }
    await post(medido, '/v1/ingest/measurements', { readings });
    total += readings.length;
  }
  log(`memory: ${total} readings posted, waiting for the projector`);
  const token = await medido.accessToken();
  const count = new URLSearchParams({
    installationId: 'inst-mem',
    from: new Date(from).toISOString(),
    to: new Date(END).toISOString(),
    frequency: '1y',
    aggregation: 'count',
    groupBy: 'installation',
  });
  for (const deadline = Date.now() + 1_800_000; Date.now() < deadline; await sleep(500)) {
    const answer = await fetch(`${medido.url}/v1/measurements?${count}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (answer.status !== 200) continue;
    const body = (await answer.json()) as { installations: { variables: { points: { value: number }[] }[] }[] };
    if (body.installations[0]?.variables[0]?.points.reduce((n, p) => n + p.value, 0) === total) return total;
  }
  throw new Error(`the ${total} readings were not all projected in 30 minutes`);
}

/** Every page of the raw export in one format, each body read to its end and dropped; answers bytes and pages. */
async function exportAll(
  medido: EmbeddedProcess,
  token: string,
  accept: string,
  from: number,
): Promise<{ bytes: number; pages: number }> {
  const params = new URLSearchParams({
    installationId: 'inst-mem',
    from: new Date(from).toISOString(),
    to: new Date(END).toISOString(),
    frequency: 'raw',
    limit: String(PAGE),
  });
  let next: string | undefined = `/v1/measurements?${params}`;
  let bytes = 0;
  let pages = 0;
  while (next) {
    const answer: Response = await fetch(`${medido.url}${next}`, {
      headers: { authorization: `Bearer ${token}`, accept },
    });
    if (answer.status !== 200)
      throw new Error(`export answered ${answer.status}: ${(await answer.text()).slice(0, 300)}`);
    for await (const chunk of answer.body!) bytes += chunk.byteLength;
    pages += 1;
    next = /^<([^>]+)>; rel="next"$/.exec(answer.headers.get('link') ?? '')?.[1];
  }
  return { bytes, pages };
}

export async function memorySuite(ctx: BenchContext): Promise<BenchRow[]> {
  const { meters, days } = SIZES[ctx.mode];
  const from = END - days * 86_400_000;
  ctx.log(`memory: starting an embedded process, ${meters} meters × ${days} days of 15-minute readings`);
  const medido = await startEmbedded();
  try {
    const points = await load(medido, meters, from, ctx.log);
    const token = await medido.accessToken();
    const rows: BenchRow[] = [];
    for (const format of FORMATS) {
      await exportAll(medido, token, format.accept, from); // warm-up at the same speed
      const idle = medido.rss();
      const sampler = peakOf(() => medido.rss(), 20);
      const started = performance.now();
      const { bytes, pages } = await exportAll(medido, token, format.accept, from);
      const seconds = (performance.now() - started) / 1000;
      const peak = Math.max(idle, sampler.stop()); // RSS may shrink after the idle read; growth is never negative
      ctx.log(
        `memory: ${format.label} export of ${points} points in ${pages} pages, ${(bytes / MiB).toFixed(0)} MiB in ${seconds.toFixed(1)} s; RSS ${(idle / MiB).toFixed(0)} → ${(peak / MiB).toFixed(0)} MiB`,
      );
      rows.push({
        id: `memory.raw-export.${format.id}`,
        metric: `RSS growth streaming a ${points.toLocaleString('en-US')}-point raw answer, ${format.label}`,
        value: (peak - idle) / MiB,
        unit: 'MiB',
        targets: [{ on: 'value', op: '<', limit: BOUND_MIB, unit: 'MiB' }],
        note: `${pages} pages of ≤ ${PAGE.toLocaleString('en-US')} points, ${(bytes / MiB).toFixed(0)} MiB in ${seconds.toFixed(1)} s (${Math.round(points / seconds).toLocaleString('en-US')} points/s); RSS ${(idle / MiB).toFixed(0)} MiB after a warm-up export, peak ${(peak / MiB).toFixed(0)} MiB (sampled every 20 ms)`,
      });
    }
    return rows;
  } finally {
    await medido.stop();
  }
}
