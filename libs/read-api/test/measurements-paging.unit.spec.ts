import { beforeAll, describe, expect, it } from 'vitest';
import type { StoredReading } from '@medido/measurements';
import { harness, type Harness } from './fakes/harness.ts';
import { device, register, world } from './fakes/world.ts';

const E = 'active_energy_import';
const P = 'active_power';
const METERS = 30;
const WINDOW = 'from=2026-04-04T00:00:00-03:00&to=2026-04-06T00:00:00-04:00';

type Json = {
  devices?: { deviceId: string; variables: { name: string; points: Record<string, unknown>[] }[] }[];
  units?: { unitId: string | null; variables: { name: string; points: Record<string, unknown>[] }[] }[];
  nextCursor: string | null;
};

/** Flattens an answer page to one line per point: group, variable, time, value, count. */
function rows(body: Json): string[] {
  const groups = body.devices ?? body.units ?? [];
  return groups.flatMap((g) =>
    g.variables.flatMap((v) =>
      v.points.map((p) =>
        [
          ('deviceId' in g ? g.deviceId : g.unitId) ?? '',
          v.name,
          p.start ?? p.ts,
          p.value ?? '',
          p.count ?? p.quality,
        ].join('|'),
      ),
    ),
  );
}

function csvRows(text: string): string[] {
  const [header, ...lines] = text.trimEnd().split('\r\n');
  const cols = header!.split(',');
  return lines.map((line) => {
    const f = Object.fromEntries(line.split(',').map((v, i) => [cols[i], v]));
    return [f.deviceId || f.unitId, f.variable, f.start ?? f.ts, f.value, f.count ?? f.quality].join('|');
  });
}

async function walk(
  h: Harness,
  url: string,
  token: string,
  accept?: string,
): Promise<{ pages: number; lines: string[] }> {
  const lines: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await h.get(
      `${url}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      token,
      accept ? { accept } : {},
    );
    expect(res.status).toBe(200);
    pages++;
    if (accept === 'text/csv') {
      lines.push(...csvRows(res.text));
      const link = res.headers.link as string | undefined;
      cursor = link ? new URL(/^<([^>]+)>/.exec(link)![1]!, 'http://x').searchParams.get('cursor') : null;
    } else {
      lines.push(...rows(res.body));
      cursor = res.body.nextCursor;
      expect(Boolean(res.headers.link)).toBe(cursor !== null);
    }
  } while (cursor && pages < 1_000);
  return { pages, lines };
}

describe('measurements pages', () => {
  let h: Harness;
  let token: string;
  beforeAll(async () => {
    const data = world();
    const readings: StoredReading[] = [];
    for (let m = 0; m < METERS; m++) {
      const id = `pub-dev-m${String(m).padStart(2, '0')}`;
      data.devices.push(device(id, 'pub-inst', 'pub', m % 2 ? 'pub-unit-a' : 'pub-unit-b'));
      // Meters with gaps of different lengths, so fill=none pages hold uneven series.
      readings.push(
        ...register(id, E, '2026-04-03T12:00:00Z', '2026-04-06T12:00:00Z', 900_000, m * 10, 0.5).filter(
          (r) => (r.ts / 900_000) % (m + 2) !== 0,
        ),
      );
      readings.push(
        ...register(id, P, '2026-04-04T00:00:00Z', '2026-04-06T00:00:00Z', 300_000 * (1 + (m % 3)), 1, 0.25),
      );
    }
    h = await harness({ data, readings });
    token = h.tokens.consumer('c');
  });

  it.each([
    ['15m per meter', `installationId=pub-inst&${WINDOW}&frequency=15m`, 997],
    ['1h per unit', `installationId=pub-inst&${WINDOW}&frequency=1h&groupBy=unit`, 13],
    ['raw readings', `installationId=pub-inst&${WINDOW}&frequency=raw&variables=${P}`, 1_499],
    ['15m with fill=null', `unitId=pub-unit-a&${WINDOW}&frequency=15m&fill=null&variables=${E}`, 250],
  ])('%s: walking every page gives the whole answer once, in order', async (_name, query, limit) => {
    const url = `/v1/measurements?${query}`;
    const whole = await h.get(`${url}&limit=100000`, token);
    expect(whole.body.nextCursor).toBeNull();
    const expected = rows(whole.body);
    expect(expected.length).toBeGreaterThan(limit * 3);
    const paged = await walk(h, `${url}&limit=${limit}`, token);
    expect(paged.pages).toBe(Math.ceil(expected.length / limit));
    expect(paged.lines).toEqual(expected);
    expect(new Set(paged.lines).size).toBe(paged.lines.length);
  });

  it('CSV carries the same numbers as JSON, page for page', async () => {
    const url = `/v1/measurements?installationId=pub-inst&${WINDOW}&frequency=1h&limit=700`;
    const json = await walk(h, url, token);
    const csv = await walk(h, url, token, 'text/csv');
    expect(csv.pages).toBe(json.pages);
    expect(csv.lines).toEqual(json.lines);
    const raw = `/v1/measurements?installationId=pub-inst&${WINDOW}&frequency=raw&limit=5000&deviceIds=pub-dev-m01,pub-dev-m02`;
    expect((await walk(h, raw, token, 'text/csv')).lines).toEqual((await walk(h, raw, token)).lines);
  });

  it('writes a CSV header and one row per point with every column', async () => {
    const res = await h.get(
      `/v1/measurements?installationId=pub-inst&deviceIds=pub-dev-m01&variables=${E}&from=2026-04-04T00:00:00-03:00&to=2026-04-04T00:30:00-03:00&frequency=15m`,
      token,
      { accept: 'text/csv' },
    );
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(res.text).toBe(
      [
        'installationId,unitId,deviceId,variable,unit,aggregation,start,end,value,count,expected,coverage,measured,estimated,substituted,complete',
        // m01 misses its 03:00Z reading: the 03:15Z one closes 30 minutes (+1) inside the first bucket.
        // Its register declares no reading interval: expected, coverage and complete are unknown (empty).
        `pub-inst,pub-unit-a,pub-dev-m01,${E},kWh,delta,2026-04-04T00:00:00-03:00,2026-04-04T00:15:00-03:00,1,1,,,1,0,0,`,
        `pub-inst,pub-unit-a,pub-dev-m01,${E},kWh,delta,2026-04-04T00:15:00-03:00,2026-04-04T00:30:00-03:00,0.5,1,,,1,0,0,`,
        '',
      ].join('\r\n'),
    );
  });

  it('may change the page size between pages', async () => {
    const url = `/v1/measurements?installationId=pub-inst&${WINDOW}&frequency=1h`;
    const first = await h.get(`${url}&limit=100`, token);
    const second = await h.get(`${url}&limit=300&cursor=${encodeURIComponent(first.body.nextCursor)}`, token);
    const whole = await h.get(`${url}&limit=400`, token);
    expect([...rows(first.body), ...rows(second.body)]).toEqual(rows(whole.body));
  });

  it('refuses a cursor replayed with other parameters', async () => {
    const first = await h.get(`/v1/measurements?installationId=pub-inst&${WINDOW}&frequency=1h&limit=10`, token);
    for (const other of [
      'frequency=15m',
      'frequency=1h&fill=null',
      'frequency=1h&timezone=UTC',
      'frequency=1h&variables=active_power',
    ]) {
      const res = await h.get(
        `/v1/measurements?installationId=pub-inst&${WINDOW}&${other}&limit=10&cursor=${encodeURIComponent(first.body.nextCursor)}`,
        token,
      );
      expect([res.status, res.body.code]).toEqual([400, 'CURSOR_INVALID']);
    }
  });
});

describe('a cursor across a catalog change', () => {
  it('is refused once the set of meters changed, instead of skipping or repeating series', async () => {
    const data = world();
    const h = await harness({ data });
    const token = h.tokens.consumer('c');
    const url = `/v1/measurements?installationId=pub-inst&${WINDOW}&frequency=1h&fill=null&limit=60`;
    const first = await h.get(url, token);
    data.devices.push(device('pub-dev-a0', 'pub-inst', 'pub', 'pub-unit-a'));
    const res = await h.get(`${url}&cursor=${encodeURIComponent(first.body.nextCursor)}`, token);
    expect([res.status, res.body.code]).toEqual([400, 'CURSOR_INVALID']);
  });
});
