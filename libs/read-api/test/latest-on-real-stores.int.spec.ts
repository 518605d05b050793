import { describe, expect, it } from 'vitest';
import { event, statusChanged } from '@medido/catalog/testing/catalog-events.fixture';
import { organization, variable } from '@medido/catalog/testing/catalog-history.fixture';
import type { StoredReading } from '@medido/measurements';
import { CATALOG_ADAPTERS, realStoresApp } from './support/real-stores.ts';

/** GET /v1/latest and the catalog list filters on the real adapters (FerretDB or node:sqlite, and chDB). */
const E = 'active_energy_import';
const P = 'active_power';
const energy = { ...variable(E, 'kWh', 'cumulative'), decimals: 3 };
const power = variable(P, 'kW', 'instantaneous');

const CATALOG = [
  organization('pub', 'public'),
  organization('priv', 'private'),
  event('InstallationRegistered', { installationId: 'inst-1', organizationId: 'pub', name: 'Edificio Álamo' }, 2),
  event('InstallationRegistered', { installationId: 'inst-2', organizationId: 'priv', name: 'Torre Álamo' }, 2, 1),
  event('UnitAdded', { unitId: 'unit-a', installationId: 'inst-1', name: 'Piso 1' }, 3),
  event('UnitAdded', { unitId: 'unit-p', installationId: 'inst-2', name: 'Pabellón' }, 3, 1),
  event(
    'DeviceRegistered',
    { deviceId: 'dev-1', installationId: 'inst-1', unitId: 'unit-a', name: 'Bomba Norte', variables: [energy, power] },
    4,
  ),
  event(
    'DeviceRegistered',
    { deviceId: 'dev-2', installationId: 'inst-1', unitId: 'unit-a', name: 'Ascensor', variables: [energy] },
    4,
    1,
  ),
  event(
    'DeviceRegistered',
    { deviceId: 'dev-p', installationId: 'inst-2', unitId: 'unit-p', name: 'Bomba', variables: [energy] },
    4,
    2,
  ),
  statusChanged('dev-2', 'offline', 5),
];

const T = (iso: string) => Date.parse(iso);
const reading = (
  deviceId: string,
  variable_: string,
  iso: string,
  value: number,
  ingested: string,
  quality: StoredReading['quality'] = 'measured',
): StoredReading => ({ deviceId, variable: variable_, ts: T(iso), value, quality, ingestedAt: T(ingested) });

describe.each(CATALOG_ADAPTERS)('latest values and catalog filters on %s and chDB', (adapter) => {
  const stores = realStoresApp({
    catalog: adapter,
    history: CATALOG,
    seed: async (measurements) => {
      await measurements.insert(
        [
          reading('dev-1', E, '2026-04-04T03:00:00Z', 1000, '2026-04-04T03:01:00Z'),
          reading('dev-1', E, '2026-04-04T04:00:00Z', 1000.1 + 0.2, '2026-04-04T04:01:00Z', 'estimated'),
          reading('dev-1', P, '2026-04-04T03:30:00Z', 5, '2026-04-04T03:31:00Z'),
          reading('dev-p', E, '2026-04-04T05:00:00Z', 777, '2026-04-04T05:01:00Z'),
        ],
        'batch-1',
      );
      // Later: the head-end corrects dev-1's 03:30 power reading, and an old dev-1 energy reading arrives late.
      await measurements.insert(
        [
          reading('dev-1', P, '2026-04-04T03:30:00Z', 6, '2026-04-05T00:00:00Z', 'substituted'),
          reading('dev-1', E, '2026-04-03T23:00:00Z', 990, '2026-04-05T00:00:00Z'),
        ],
        'batch-2',
      );
    },
  });
  const { tokens, consumer } = stores;
  const get = async (url: string, token = consumer) => {
    const res = await stores.getAs(token, url);
    return { status: res.statusCode, body: res.json(), text: res.body };
  };

  it('answers the newest reading of every series: a correction wins, a late older reading does not', async () => {
    const res = await get('/v1/latest?installationId=inst-1');
    expect(res.status).toBe(200);
    expect(res.body.series).toEqual([
      {
        deviceId: 'dev-1',
        installationId: 'inst-1',
        unitId: 'unit-a',
        variable: E,
        unit: 'kWh',
        ts: '2026-04-04T04:00:00.000Z',
        value: 1000.3,
        quality: 'estimated',
        ingestedAt: '2026-04-04T04:01:00.000Z',
      },
      {
        deviceId: 'dev-1',
        installationId: 'inst-1',
        unitId: 'unit-a',
        variable: P,
        unit: 'kW',
        ts: '2026-04-04T03:30:00.000Z',
        value: 6,
        quality: 'substituted',
        ingestedAt: '2026-04-05T00:00:00.000Z',
      },
      {
        deviceId: 'dev-2',
        installationId: 'inst-1',
        unitId: 'unit-a',
        variable: E,
        unit: 'kWh',
        ts: null,
        value: null,
        quality: null,
        ingestedAt: null,
      },
    ]);
    const chosen = await get(`/v1/latest?deviceIds=dev-1&variables=${P}`);
    expect(chosen.body.series.map((s: { variable: string; value: number }) => [s.variable, s.value])).toEqual([[P, 6]]);
  });

  it("answers a private organization's meters to its grantees only; to others exactly as unknown ones", async () => {
    expect((await get('/v1/latest?deviceIds=dev-p')).body.code).toBe('DEVICE_NOT_FOUND');
    expect((await get('/v1/latest?unitId=unit-p')).body.code).toBe('UNIT_NOT_FOUND');
    const refused = await get('/v1/latest?installationId=inst-2');
    expect([refused.status, refused.body.code]).toEqual([404, 'INSTALLATION_NOT_FOUND']);
    expect(refused.text).not.toContain('777');
    const granted = await get('/v1/latest?deviceIds=dev-p', tokens.consumer('consumer-2', ['priv']));
    expect(granted.body.series.map((s: { value: number }) => s.value)).toEqual([777]);
  });

  it('filters catalog lists by status, variable and name, after authorization', async () => {
    const ids = (body: { devices?: { deviceId: string }[]; installations?: { installationId: string }[] }) =>
      (body.devices ?? body.installations ?? []).map((i) => ('deviceId' in i ? i.deviceId : i.installationId));
    expect(ids((await get('/v1/devices?installationId=inst-1&status=offline')).body)).toEqual(['dev-2']);
    expect(ids((await get('/v1/devices?installationId=inst-1&status=active')).body)).toEqual(['dev-1']);
    expect(ids((await get(`/v1/devices?unitId=unit-a&variable=${P}`)).body)).toEqual(['dev-1']);
    expect(ids((await get('/v1/devices?installationId=inst-1&name=BOMBA')).body)).toEqual(['dev-1']);
    expect(ids((await get('/v1/installations?name=%C3%A1lamo')).body)).toEqual(['inst-1']);
    expect(ids((await get('/v1/installations?name=%C3%A1lamo', tokens.consumer('consumer-2', ['priv']))).body)).toEqual(
      ['inst-1', 'inst-2'],
    );
    // Without a scope: every meter of what the caller may read — the public organization, and priv once granted.
    expect(ids((await get('/v1/devices?name=bomba')).body)).toEqual(['dev-1']);
    const granted = tokens.consumer('consumer-2', ['priv']);
    expect(ids((await get('/v1/devices?name=bomba', granted)).body)).toEqual(['dev-1', 'dev-p']);
    expect(ids((await get('/v1/devices?status=offline', granted)).body)).toEqual(['dev-2']);
    expect(ids((await get('/v1/devices?organizationId=priv', granted)).body)).toEqual(['dev-p']);
    const bad = await get('/v1/devices?installationId=inst-1&status=broken');
    expect([bad.status, bad.body.code]).toEqual([400, 'CATALOG_FILTER_INVALID']);
  });
});
