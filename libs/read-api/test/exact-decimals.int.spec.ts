import { describe, expect, it } from 'vitest';
import { event } from '@medido/catalog/testing/catalog-events.fixture';
import { installation, organization, variable } from '@medido/catalog/testing/catalog-history.fixture';
import type { StoredReading } from '@medido/measurements';
import { realStoresApp } from './support/real-stores.ts';

/**
 * Aggregates come out as the exact decimals a person computes by hand, in JSON and CSV alike: Float64
 * arithmetic in the engine and in the API leaves noise (0.1 added 10 000 times is not 1000 in binary),
 * which the answer must not carry (libs/measurements/README.md § Exact decimals).
 */
const FLOW = 'flow';
const E = 'active_energy_import';
const MINUTE = 60_000;
const START = Date.parse('2026-01-05T00:00:00Z');
const ingestedAt = Date.parse('2026-02-01T00:00:00Z');

const CATALOG = [
  organization('pub', 'public'),
  installation('inst-1', 'pub'),
  event(
    'DeviceRegistered',
    {
      deviceId: 'flow-1',
      installationId: 'inst-1',
      variables: [{ ...variable(FLOW, 'm3', 'instantaneous'), decimals: 1 }],
    },
    3,
  ),
  event(
    'DeviceRegistered',
    {
      deviceId: 'flow-2',
      installationId: 'inst-1',
      variables: [{ ...variable(FLOW, 'm3', 'instantaneous'), decimals: 1 }],
    },
    3,
    1,
  ),
  event(
    'DeviceRegistered',
    {
      deviceId: 'meter-1',
      installationId: 'inst-1',
      variables: [{ ...variable(E, 'kWh', 'cumulative'), decimals: 3 }],
    },
    3,
    2,
  ),
];

/** Register readings in thousandths (integers, so the expected deltas are exact): irregular increases, no reset. */
const REGISTER_MILLI: number[] = [530_182];
for (let k = 1; k < 2_000; k++) REGISTER_MILLI.push(REGISTER_MILLI[k - 1]! + ((k * 7_919) % 1_013) + 1);

function readings(): StoredReading[] {
  const at = (deviceId: string, variable: string, ts: number, value: number): StoredReading => ({
    deviceId,
    variable,
    ts,
    value,
    quality: 'measured',
    ingestedAt,
  });
  const out: StoredReading[] = [];
  // 10 000 readings of 0.1: 6 000 on flow-1, 4 000 on flow-2, one a minute.
  for (let k = 0; k < 10_000; k++) out.push(at(k < 6_000 ? 'flow-1' : 'flow-2', FLOW, START + k * MINUTE, 0.1));
  REGISTER_MILLI.forEach((milli, k) => out.push(at('meter-1', E, START + k * 15 * MINUTE, milli / 1000)));
  return out;
}

describe('exact decimals through the read API on chDB', () => {
  const stores = realStoresApp({
    catalog: 'node:sqlite',
    history: CATALOG,
    seed: (measurements) => measurements.insert(readings(), 'batch-1'),
  });
  const get = (url: string, accept = 'application/json') => stores.getAs(stores.consumer, url, { accept });
  const csvValues = (text: string) => {
    const [header, ...lines] = text.trim().split('\r\n');
    const column = header!.split(',').indexOf('value');
    return lines.map((l) => l.split(',')[column]!);
  };

  const month = 'from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&frequency=1mo&aggregation=sum';

  it('ten thousand readings of 0.1 sum to exactly 1000, in JSON and in CSV', async () => {
    const url = `/v1/measurements?installationId=inst-1&variables=${FLOW}&${month}&groupBy=installation`;
    const json = await get(url);
    expect(json.statusCode).toBe(200);
    expect(json.body).toContain('"value":1000,');
    expect(json.json().installations[0].variables[0].points).toMatchObject([
      { start: '2026-01-01T00:00:00Z', end: '2026-02-01T00:00:00Z', value: 1000, count: 10_000 },
    ]);
    expect(csvValues((await get(url, 'text/csv')).body)).toEqual(['1000']);
  });

  it('each meter on its own sums exactly too (600 and 400), from the raw table as from the rollups', async () => {
    for (const frequency of ['1mo', '1d']) {
      const url = `/v1/measurements?installationId=inst-1&variables=${FLOW}&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&frequency=${frequency}&aggregation=sum`;
      const body = (await get(url)).json() as { devices: { variables: { points: { value: number }[] }[] }[] };
      const totals = body.devices.map(
        (d) => d.variables[0]!.points.reduce((sum, p) => sum + Math.round(p.value * 10), 0) / 10,
      );
      expect(totals).toEqual([600, 400]);
      for (const d of body.devices)
        for (const p of d.variables[0]!.points) expect(String(p.value)).toMatch(/^\d+(\.\d)?$/);
    }
  });

  it('a register with 3 decimals yields deltas with at most 3 decimals, equal to the hand-computed differences', async () => {
    const expected = REGISTER_MILLI.slice(1).map((v, k) => String((v - REGISTER_MILLI[k]!) / 1000));
    const url = `/v1/measurements?installationId=inst-1&variables=${E}&from=2026-01-05T00:00:00Z&to=2026-01-26T00:00:00Z&frequency=15m&limit=100000`;
    const json = await get(url);
    const values = (json.json().devices[0].variables[0].points as { value: number }[]).map((p) => String(p.value));
    // Raw JSON text, not the parsed numbers: noise such as 0.13799999999998818 would show here.
    const texts = [...json.body.matchAll(/"value":([^,}]+)/g)].map((m) => m[1]!);
    expect(texts).toEqual(expected);
    expect(values).toEqual(expected);
    for (const t of texts) expect(t).toMatch(/^\d+(\.\d{1,3})?$/);
    expect(csvValues((await get(url, 'text/csv')).body)).toEqual(expected);
  });
});
