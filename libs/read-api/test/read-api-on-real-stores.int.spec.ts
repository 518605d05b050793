import { describe, expect, it } from 'vitest';
import { event } from '@medido/catalog/testing/catalog-events.fixture';
import { deviceInUnit, organization, variable } from '@medido/catalog/testing/catalog-history.fixture';
import type { StoredReading } from '@medido/measurements';
import { CATALOG_ADAPTERS, realStoresApp } from './support/real-stores.ts';

/**
 * The read API on the real adapters (FerretDB or node:sqlite for the catalog, chDB for measurements)
 * with a small golden dataset whose answers are computed by hand in the comments.
 */
const E = 'active_energy_import';
const P = 'active_power';
const energy = variable(E, 'kWh', 'cumulative');
const power = variable(P, 'kW', 'instantaneous');

const CATALOG = [
  organization('pub', 'public'),
  organization('priv', 'private'),
  event(
    'InstallationRegistered',
    { installationId: 'inst-1', organizationId: 'pub', name: 'Edificio A', timezone: 'America/Santiago' },
    2,
  ),
  event('InstallationRegistered', { installationId: 'inst-2', organizationId: 'priv', name: 'Torre B' }, 2, 1),
  event('UnitAdded', { unitId: 'unit-a', installationId: 'inst-1', name: 'Piso 1' }, 3),
  event('UnitAdded', { unitId: 'unit-b', installationId: 'inst-1', name: 'Piso 2' }, 3, 1),
  event('UnitAdded', { unitId: 'unit-p', installationId: 'inst-2', name: 'Pabellón' }, 3, 2),
  deviceInUnit('dev-1', 'inst-1', 'unit-a', [energy, power], 4),
  deviceInUnit('dev-2', 'inst-1', 'unit-a', [energy], 4, 1),
  deviceInUnit('dev-3', 'inst-1', 'unit-b', [energy], 4, 2),
  deviceInUnit('dev-p', 'inst-2', 'unit-p', [energy], 4, 3),
];

const H = 3_600_000;
const at = (iso: string, value: number, deviceId = 'dev-1', variable_ = E): StoredReading => ({
  deviceId,
  variable: variable_,
  ts: Date.parse(iso),
  value,
  quality: 'measured',
  ingestedAt: Date.parse('2026-04-07T00:00:00Z'),
});

/**
 * dev-1 energy: one reading per hour from 2026-04-04T03:00Z (Apr 4 00:00 −03) to 2026-04-06T04:00Z
 * (Apr 6 00:00 −04), +1 kWh each; the register resets at 2026-04-05T12:00Z (value 1: the increase after
 * a reset is the new value). Days in America/Santiago: Apr 4 runs 03:00Z → 04:00Z next day (25 h): the
 * 25 readings after its start, up to and including the one at its end, close 25 hours → 25 kWh; Apr 5
 * (24 h) → 24 kWh. Other meters: readings within Apr 4 00:00–01:00 −03 only.
 */
function readings(): StoredReading[] {
  const out: StoredReading[] = [];
  const reset = Date.parse('2026-04-05T12:00:00Z');
  for (let t = Date.parse('2026-04-04T03:00:00Z'), v = 1000; t <= Date.parse('2026-04-06T04:00:00Z'); t += H, v += 1) {
    out.push({ ...at(new Date(t).toISOString(), 0), value: t < reset ? v : 1 + (t - reset) / H });
  }
  return [
    ...out,
    at('2026-04-04T03:00:00Z', 10, 'dev-2'),
    at('2026-04-04T03:30:00Z', 12, 'dev-2'),
    at('2026-04-04T04:00:00Z', 15, 'dev-2'),
    at('2026-04-04T03:15:00Z', 100, 'dev-3'),
    at('2026-04-04T03:45:00Z', 101.5, 'dev-3'),
    at('2026-04-04T03:00:00Z', 5, 'dev-1', P),
    at('2026-04-04T03:30:00Z', 7, 'dev-1', P),
    at('2026-04-04T04:00:00Z', 9, 'dev-1', P),
    at('2026-04-04T03:30:00Z', 50, 'dev-p'),
    at('2026-04-04T03:45:00Z', 60, 'dev-p'),
  ];
}

describe.each(CATALOG_ADAPTERS)('read API on %s and chDB', (adapter) => {
  const stores = realStoresApp({
    catalog: adapter,
    history: CATALOG,
    seed: async (measurements) => {
      const all = readings();
      await measurements.insert(all, 'batch-1');
      // A pipeline re-sends two readings in a later batch: stored once, counted once.
      await measurements.insert([all[30]!, all[31]!], 'batch-2');
    },
  });
  const { tokens, consumer } = stores;
  const get = async (url: string, token = consumer, accept?: string) => {
    const res = await stores.getAs(token, url, accept ? { accept } : {});
    return {
      status: res.statusCode,
      body: res.headers['content-type']?.toString().includes('json') ? res.json() : undefined,
      text: res.body,
      headers: res.headers,
    };
  };

  it('daily consumption across the 25-hour day and a register reset, with a re-sent reading counted once', async () => {
    const res = await get(
      `/v1/measurements?installationId=inst-1&deviceIds=dev-1&variables=${E}&from=2026-04-04T00:00:00-03:00&to=2026-04-06T00:00:00-04:00&frequency=1d`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      installationId: 'inst-1',
      from: '2026-04-04T03:00:00.000Z',
      to: '2026-04-06T04:00:00.000Z',
      timezone: 'America/Santiago',
      nextCursor: null,
    });
    expect(res.body.devices[0].variables[0]).toMatchObject({
      name: E,
      unit: 'kWh',
      kind: 'cumulative',
      aggregation: 'delta',
      lastIngestedAt: '2026-04-07T00:00:00.000Z',
      points: [
        { start: '2026-04-04T00:00:00-03:00', end: '2026-04-05T00:00:00-04:00', value: 25, count: 25 },
        { start: '2026-04-05T00:00:00-04:00', end: '2026-04-06T00:00:00-04:00', value: 24, count: 24 },
      ],
    });
  });

  it('groupBy unit and installation add up the meters (hand sums)', async () => {
    // First hour (Apr 4 00:00–01:00 −03): dev-1 +1 (its 04:00Z reading closes the hour), dev-2 +2 +3, dev-3 +1.5.
    const url = `/v1/measurements?installationId=inst-1&variables=${E}&from=2026-04-04T00:00:00-03:00&to=2026-04-04T01:00:00-03:00&frequency=1h`;
    const hour = { start: '2026-04-04T00:00:00-03:00', end: '2026-04-04T01:00:00-03:00' };
    const units = await get(`${url}&groupBy=unit`);
    expect(
      units.body.units.map((u: { unitId: string; variables: { points: unknown[] }[] }) => [
        u.unitId,
        u.variables[0]!.points,
      ]),
    ).toMatchObject([
      ['unit-a', [{ ...hour, value: 6, count: 3 }]],
      ['unit-b', [{ ...hour, value: 1.5, count: 1 }]],
    ]);
    const installation = await get(`${url}&groupBy=installation`);
    expect(installation.body.installations[0].variables[0].points).toMatchObject([{ ...hour, value: 7.5, count: 4 }]);
  });

  it('raw keeps [from, to) exactly; avg over the same hour', async () => {
    const window = 'from=2026-04-04T00:00:00-03:00&to=2026-04-04T01:00:00-03:00';
    const raw = await get(`/v1/measurements?unitId=unit-a&deviceIds=dev-1&variables=${P}&${window}&frequency=raw`);
    expect(raw.body.devices[0].variables[0].points).toEqual([
      { ts: '2026-04-04T00:00:00-03:00', value: 5, quality: 'measured' },
      { ts: '2026-04-04T00:30:00-03:00', value: 7, quality: 'measured' },
    ]);
    const avg = await get(`/v1/measurements?unitId=unit-a&deviceIds=dev-1&variables=${P}&${window}&frequency=1h`);
    expect(avg.body.devices[0].variables[0]).toMatchObject({
      aggregation: 'avg',
      points: [{ start: '2026-04-04T00:00:00-03:00', end: '2026-04-04T01:00:00-03:00', value: 6, count: 2 }],
    });
  });

  it('pages of the real store walk the whole answer, and CSV carries the same numbers', async () => {
    const url = `/v1/measurements?installationId=inst-1&from=2026-04-04T00:00:00-03:00&to=2026-04-06T00:00:00-04:00&frequency=1h&fill=null`;
    const whole = await get(`${url}&limit=100000`);
    const flat = (body: {
      devices: { deviceId: string; variables: { name: string; points: { start: string; value: number | null }[] }[] }[];
    }) =>
      body.devices.flatMap((d) =>
        d.variables.flatMap((v) => v.points.map((p) => `${d.deviceId}|${v.name}|${p.start}|${p.value ?? ''}`)),
      );
    const expected = flat(whole.body);
    expect(expected.length).toBe(4 * 49); // 4 series × 49 hours (Apr 4 has 25)
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(`${url}&limit=37${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      paged.push(...flat(page.body));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(expected);
    const csv = await get(`${url}&limit=100000`, consumer, 'text/csv');
    const rows = csv.text
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .map((line) => {
        const f = line.split(',');
        return `${f[2]}|${f[3]}|${f[6]}|${f[8]}`;
      });
    expect(rows).toEqual(expected);
  });

  it('authorizes on the real catalog: the private organization is invisible without a grant', async () => {
    expect(
      (await get('/v1/installations')).body.installations.map((i: { installationId: string }) => i.installationId),
    ).toEqual(['inst-1']);
    expect((await get('/v1/installations/inst-2')).status).toBe(404);
    const hidden = await get(
      '/v1/measurements?installationId=inst-1&deviceIds=dev-1,dev-p&from=2026-04-04T00:00:00-03:00&to=2026-04-05T00:00:00-04:00',
    );
    expect([hidden.status, hidden.body.code]).toEqual([404, 'DEVICE_NOT_FOUND']);
    const granted = tokens.consumer('consumer-2', ['priv']);
    const res = await get(
      '/v1/measurements?unitId=unit-p&from=2026-04-04T00:00:00-03:00&to=2026-04-04T01:00:00-03:00&frequency=1h',
      granted,
    );
    // dev-p: 50 → 60 inside the hour (its first reading has no predecessor).
    expect(res.body.devices[0].variables[0].points).toMatchObject([
      { start: '2026-04-04T00:00:00-03:00', end: '2026-04-04T01:00:00-03:00', value: 10, count: 1 },
    ]);
    expect(
      (await get('/v1/devices?unitId=unit-a')).body.devices.map((d: { deviceId: string; status: string }) => [
        d.deviceId,
        d.status,
      ]),
    ).toEqual([
      ['dev-1', 'active'],
      ['dev-2', 'active'],
    ]);
  });
});
