import { afterAll, beforeAll, expect, it } from 'vitest';
import { MiB, peakOf, startEmbedded, type EmbeddedProcess } from './embedded-process.ts';
import { readSlowly } from './slow-reader.ts';
import { eventually } from '../support/eventually.ts';

const METERS = 100;
const DAYS = 31;
const STEP = 15 * 60_000;
const END = Date.UTC(2026, 0, 1);
const FROM = END - DAYS * 86_400_000;
const READINGS = METERS * DAYS * 96;
/** Points per page (the default page size; ~1.7 MB of CSV): the export is 15 pages. */
const PAGE = 20_000;
const CLIENTS = 12;
/**
 * Allowed growth of the server's RSS over its idle size (measured after a full-speed export, so JIT,
 * caches and the allocator are warm): per reader, one page in flight — its points, the engine's answer
 * for the series batch being read, the CSV chunks buffered ahead — a few MB, plus the churn of ~180
 * concurrent page requests (V8 and chDB free memory lazily). Measured: +90 to +120 MiB with 8 readers.
 * Holding the answers instead would take 12 × the export (~26 MB of CSV each) ≈ 310 MB, and grow with it.
 */
const BOUND = 200 * MiB;

let medido: EmbeddedProcess;

async function post(path: string, body: unknown): Promise<void> {
  const answer = await fetch(`${medido.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${medido.ingestToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(answer.status, await answer.clone().text()).toBe(202);
}

beforeAll(async () => {
  medido = await startEmbedded();
  const variables = [{ name: 'active_energy_import', unit: 'kWh', kind: 'cumulative' }];
  await post('/v1/ingest/catalog', {
    events: [
      { type: 'OrganizationRegistered', data: { organizationId: 'org-b', name: 'Bounds', visibility: 'public' } },
      {
        type: 'InstallationRegistered',
        data: { installationId: 'inst-b', organizationId: 'org-b', name: 'Tower', timezone: 'America/Santiago' },
      },
      { type: 'UnitAdded', data: { unitId: 'unit-b', installationId: 'inst-b', name: 'All floors' } },
      ...Array.from({ length: METERS }, (_, m) => ({
        type: 'DeviceRegistered',
        data: {
          deviceId: `meter-${String(m).padStart(3, '0')}`,
          installationId: 'inst-b',
          unitId: 'unit-b',
          variables,
        },
      })),
    ],
  });
  for (let m = 0; m < METERS; m += 10) {
    const readings = [];
    for (let d = m; d < m + 10; d++) {
      for (let t = FROM; t < END; t += STEP)
        readings.push({
          deviceId: `meter-${String(d).padStart(3, '0')}`,
          variable: 'active_energy_import',
          ts: new Date(t).toISOString(),
          value: (t - FROM) / 3_600_000,
        });
    }
    await post('/v1/ingest/measurements', { readings });
  }
  const token = await medido.accessToken();
  const count = new URLSearchParams({
    unitId: 'unit-b',
    from: new Date(FROM).toISOString(),
    to: new Date(END).toISOString(),
    frequency: '1y',
    aggregation: 'count',
    groupBy: 'unit',
  });
  await eventually(
    async () => {
      const answer = await fetch(`${medido.url}/v1/measurements?${count}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (answer.status !== 200) return false;
      const body = (await answer.json()) as { units: { variables: { points: { value: number }[] }[] }[] };
      return body.units[0]?.variables[0]?.points.reduce((n, p) => n + p.value, 0) === READINGS;
    },
    `all ${READINGS} readings projected`,
    120_000,
    250,
  );
}, 180_000);

afterAll(async () => {
  await medido?.stop();
});

/** Every page of the raw CSV export, each read slowly; answers the data rows and bytes received. */
async function exportSlowly(
  token: string,
  chunkBytes: number,
  everyMs: number,
): Promise<{ rows: number; bytes: number }> {
  const params = new URLSearchParams({
    unitId: 'unit-b',
    from: new Date(FROM).toISOString(),
    to: new Date(END).toISOString(),
    frequency: 'raw',
    limit: String(PAGE),
  });
  let next: string | undefined = `/v1/measurements?${params}`;
  let rows = 0;
  let bytes = 0;
  while (next) {
    const page = await readSlowly(
      `${medido.url}${next}`,
      { authorization: `Bearer ${token}`, accept: 'text/csv' },
      chunkBytes,
      everyMs,
    );
    expect(page.status).toBe(200);
    expect(page.rows - 1).toBeLessThanOrEqual(PAGE); // every answer is one page, the header row aside
    rows += page.rows - 1;
    bytes += page.bytes;
    next = /^<([^>]+)>; rel="next"$/.exec(page.link ?? '')?.[1];
  }
  return { rows, bytes };
}

// The CSV answer is rendered while the socket drains (a generator behind a Readable, so Node's
// backpressure pauses it) and a page holds at most `limit` points; a slow reader therefore costs the
// server one page of points plus the chunk in flight, whatever the size of the export.
it('keeps the memory of slow CSV readers bounded by the page size, not by the export', async () => {
  const token = await medido.accessToken();
  // Warm-up at full speed: JIT, chDB caches and the allocator reach their steady size first.
  const whole = await exportSlowly(token, 1 << 30, 0);
  expect(whole.rows).toBe(READINGS);
  const idle = medido.rss();
  const sampler = peakOf(() => medido.rss());
  // Each reader takes 32 KiB every 20 ms (≈ 1.6 MB/s): the server waits on every one of them.
  const reads = await Promise.all(Array.from({ length: CLIENTS }, () => exportSlowly(token, 32 * 1024, 20)));
  const peak = sampler.stop();
  expect(reads.map((r) => r.rows)).toEqual(Array.from({ length: CLIENTS }, () => READINGS));
  const growth = peak - idle;
  console.log(
    `csv export: idle RSS ${(idle / MiB).toFixed(0)} MiB, peak ${(peak / MiB).toFixed(0)} MiB (+${(growth / MiB).toFixed(0)}) ` +
      `with ${CLIENTS} slow readers of ${(whole.bytes / MiB).toFixed(1)} MiB each`,
  );
  expect(growth).toBeLessThan(BOUND);
  expect(BOUND).toBeLessThan(CLIENTS * whole.bytes); // the bound is tighter than holding the answers
}, 300_000);
