import { describe, expect, it } from 'vitest';
import { event } from '@medido/catalog/testing/catalog-events.fixture';
import { installation, organization, variable } from '@medido/catalog/testing/catalog-history.fixture';
import type { StoredReading } from '@medido/measurements';
import { realStoresApp } from './support/real-stores.ts';

/**
 * What a consumer sees of several aggregations and of completeness, through the read API on chDB and
 * node:sqlite. Santiago, September 2026: the 6th is the 23-hour day (clocks jump 00:00 → 01:00). A
 * 15-minute register that declares its interval, with a one-hour gap on the 5th, five estimated readings
 * on the 6th and two substituted ones on the 7th; an older register that declares none.
 */
const E = 'active_energy_import';
const Q = 15 * 60_000;
const FROM = Date.parse('2026-09-05T04:00:00Z'); // 5 Sep 00:00 −04:00
const TO = Date.parse('2026-09-08T03:00:00Z'); // 8 Sep 00:00 −03:00
const DAY_STARTS = [FROM, Date.parse('2026-09-06T04:00:00Z'), Date.parse('2026-09-07T03:00:00Z'), TO];
const GAP = [Date.parse('2026-09-05T14:00:00Z'), Date.parse('2026-09-05T15:00:00Z')];

const CATALOG = [
  organization('pub', 'public'),
  installation('inst-1', 'pub', 'America/Santiago'),
  event(
    'DeviceRegistered',
    {
      deviceId: 'dev-q',
      installationId: 'inst-1',
      variables: [{ ...variable(E, 'kWh', 'cumulative'), decimals: 2, readingIntervalSeconds: 900 }],
    },
    3,
  ),
  // Registered as before the field existed: its interval is unknown.
  event(
    'DeviceRegistered',
    {
      deviceId: 'dev-old',
      installationId: 'inst-1',
      variables: [{ ...variable(E, 'kWh', 'cumulative'), decimals: 2 }],
    },
    3,
    1,
  ),
];

function readings(): StoredReading[] {
  const out: StoredReading[] = [];
  for (let ts = FROM, k = 0; ts <= TO; ts += Q, k++) {
    if (ts >= GAP[0]! && ts < GAP[1]!) continue;
    const quality =
      ts >= DAY_STARTS[1]! && ts < DAY_STARTS[1]! + 5 * Q
        ? 'estimated'
        : ts >= DAY_STARTS[2]! && ts < DAY_STARTS[2]! + 2 * Q
          ? 'substituted'
          : 'measured';
    const value = ((ts - FROM) / Q) * 0.25;
    out.push(
      { deviceId: 'dev-q', variable: E, ts, value, quality, ingestedAt: TO },
      { deviceId: 'dev-old', variable: E, ts, value, quality: 'measured', ingestedAt: TO },
    );
  }
  return out;
}

/** The same figures computed in plain TypeScript from the readings (membership a ≤ t < b; delta over (a, b]). */
function byHand(all: StoredReading[], deviceId: string) {
  const mine = all.filter((r) => r.deviceId === deviceId);
  return DAY_STARTS.slice(0, -1).map((a, i) => {
    const b = DAY_STARTS[i + 1]!;
    const inDay = mine.filter((r) => r.ts >= a && r.ts < b).map((r) => r.value);
    const at = (t: number) => mine.find((r) => r.ts === t)!.value;
    const avg = Number((inDay.reduce((x, y) => x + y, 0) / inDay.length).toFixed(5));
    return { min: inDay[0]!, max: inDay.at(-1)!, avg, delta: at(b) - at(a), count: inDay.length };
  });
}

describe('several aggregations and completeness through the read API on chDB', () => {
  let engineQueries = 0;
  const all = readings();
  const stores = realStoresApp({
    catalog: 'node:sqlite',
    history: CATALOG,
    seed: async (store) => {
      await store.insert(all, 'batch-1');
      await store.refreshRollups();
    },
    readThrough: (store) => ({
      ...store,
      query: (q) => {
        engineQueries += 1;
        return store.query(q);
      },
    }),
  });
  const get = (url: string, accept = 'application/json') => stores.getAs(stores.consumer, url, { accept });
  const window = `from=${new Date(FROM).toISOString()}&to=${new Date(TO).toISOString()}&frequency=1d`;

  it('answers min, max, avg and delta of every day in one engine query, each point carrying all four', async () => {
    engineQueries = 0;
    const res = await get(
      `/v1/measurements?installationId=inst-1&deviceIds=dev-q&${window}&aggregation=min,max,avg,delta`,
    );
    expect(res.statusCode).toBe(200);
    expect(engineQueries).toBe(1);
    const series = res.json().devices[0].variables[0];
    expect(series.aggregation).toBeUndefined();
    expect(series.aggregations).toEqual(['min', 'max', 'avg', 'delta']);
    const expected = byHand(all, 'dev-q');
    expect(series.points.map((p: { values: unknown; count: number }) => [p.values, p.count])).toEqual(
      expected.map((d) => [{ min: d.min, max: d.max, avg: d.avg, delta: d.delta }, d.count]),
    );
    expect(Object.keys(series.points[0].values)).toEqual(['min', 'max', 'avg', 'delta']);
  });

  it('a day with a gap has coverage < 1 and is not complete; the 23-hour day expects 92 quarter hours; estimated and substituted readings are counted', async () => {
    const res = await get(`/v1/measurements?installationId=inst-1&deviceIds=dev-q&${window}&aggregation=max`);
    const points = res.json().devices[0].variables[0].points;
    expect(
      points.map((p: Record<string, unknown>) => [
        p.start,
        p.expected,
        p.count,
        p.coverage,
        p.complete,
        p.measured,
        p.estimated,
        p.substituted,
      ]),
    ).toEqual([
      ['2026-09-05T00:00:00-04:00', 96, 92, 0.958333, false, 92, 0, 0],
      ['2026-09-06T01:00:00-03:00', 92, 92, 1, true, 87, 5, 0],
      ['2026-09-07T00:00:00-03:00', 96, 96, 1, true, 94, 0, 2],
    ]);
    // One aggregation: the point keeps `value`, as before.
    expect(Object.keys(points[0]).slice(0, 4)).toEqual(['start', 'end', 'value', 'count']);
  });

  it("a delta day counts the increases and their closing readings' quality", async () => {
    const res = await get(`/v1/measurements?installationId=inst-1&deviceIds=dev-q&${window}&aggregation=delta`);
    const points = res.json().devices[0].variables[0].points;
    // An increase has the quality of the reading closing it, over (start, end]: the 6th's first (estimated)
    // reading closes the 5th's last increase; the 7th's first (substituted) one closes the 6th's.
    expect(
      points.map((p: Record<string, unknown>) => [p.value, p.count, p.expected, p.estimated, p.substituted]),
    ).toEqual([
      [24, 92, 96, 1, 0],
      [23, 92, 92, 4, 1],
      [24, 96, 96, 0, 1],
    ]);
  });

  it('an older register without a declared interval answers expected, coverage and complete as null', async () => {
    const res = await get(`/v1/measurements?installationId=inst-1&deviceIds=dev-old&${window}&aggregation=max`);
    const [first] = res.json().devices[0].variables[0].points;
    expect(first).toMatchObject({
      count: 92,
      expected: null,
      coverage: null,
      complete: null,
      measured: 92,
      estimated: 0,
      substituted: 0,
    });
    // A group with it has an unknown expectation too.
    const grouped = await get(`/v1/measurements?installationId=inst-1&${window}&aggregation=max&groupBy=installation`);
    expect(grouped.json().installations[0].variables[0].points[1]).toMatchObject({
      count: 184,
      expected: null,
      coverage: null,
      estimated: 5,
    });
  });

  it('minCoverage leaves incomplete days out, or fills them, and drops buckets of unknown coverage', async () => {
    const only = await get(`/v1/measurements?installationId=inst-1&${window}&aggregation=max&minCoverage=1`);
    const [old, q] = only.json().devices;
    expect(q.variables[0].points.map((p: { start: string }) => p.start)).toEqual([
      '2026-09-06T01:00:00-03:00',
      '2026-09-07T00:00:00-03:00',
    ]);
    expect(old.variables[0].points).toEqual([]);
    const filled = await get(
      `/v1/measurements?installationId=inst-1&deviceIds=dev-q&${window}&aggregation=max&minCoverage=0.99&fill=null`,
    );
    expect(
      filled.json().devices[0].variables[0].points.map((p: Record<string, unknown>) => [p.value, p.count, p.coverage]),
    ).toEqual([
      [null, 0, 0],
      [46.75, 92, 1],
      [70.75, 96, 1],
    ]);
  });

  it('CSV: one column per aggregation, then count and completeness', async () => {
    const res = await get(
      `/v1/measurements?installationId=inst-1&deviceIds=dev-q&${window}&aggregation=min,delta`,
      'text/csv',
    );
    const [header, first] = res.body.split('\r\n');
    expect(header).toBe(
      'installationId,unitId,deviceId,variable,unit,aggregation,start,end,value_min,value_delta,count,expected,coverage,measured,estimated,substituted,complete',
    );
    expect(first).toBe(
      `inst-1,,dev-q,${E},kWh,"min,delta",2026-09-05T00:00:00-04:00,2026-09-06T01:00:00-03:00,0,24,92,96,0.958333,92,0,0,false`,
    );
  });

  it('refuses an unknown or repeated aggregation and an out-of-range minCoverage with the parameter code', async () => {
    for (const [query, message] of [
      ['aggregation=min,min', /min twice/],
      ['aggregation=min,median', /"median" is not one of/],
      ['minCoverage=1.5', /minCoverage/],
    ] as const) {
      const res = await get(`/v1/measurements?installationId=inst-1&${window}&${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'MEASUREMENTS_PARAMETER_INVALID',
        detail: expect.stringMatching(message),
      });
    }
  });
});
