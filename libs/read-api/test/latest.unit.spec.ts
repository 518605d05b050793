import { beforeAll, describe, expect, it } from 'vitest';
import { harness, type Harness } from './fakes/harness.ts';
import { device, ENERGY, series, world } from './fakes/world.ts';

describe('GET /v1/latest', () => {
  let h: Harness;
  let token: string;
  beforeAll(async () => {
    const data = world();
    data.devices.push(device('pub-dev-d3', 'pub-inst', 'pub', 'pub-unit-b', [{ ...ENERGY, decimals: 3 }]));
    const readings = [
      ...series('pub-dev-a1', 'active_energy_import', [
        ['2026-03-01T10:00:00.000Z', 1],
        ['2026-03-01T10:15:00.000Z', 2.5],
      ]),
      ...series('pub-dev-a1', 'active_power', [['2026-03-01T10:30:00.000Z', 4]]),
      {
        ...series('pub-dev-d3', 'active_energy_import', [['2026-03-01T09:00:00.000Z', 0.1 + 0.2]])[0]!,
        quality: 'estimated' as const,
      },
      ...series('priv-dev-1', 'active_energy_import', [['2026-03-01T11:00:00.000Z', 77]]),
    ];
    h = await harness({ data, readings });
    token = h.tokens.consumer('consumer-1');
  });

  it('answers every series of a unit with its newest reading, null where there is none', async () => {
    const res = await h.get('/v1/latest?unitId=pub-unit-a', token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      series: [
        {
          deviceId: 'pub-dev-a1',
          installationId: 'pub-inst',
          unitId: 'pub-unit-a',
          variable: 'active_energy_import',
          unit: 'kWh',
          ts: '2026-03-01T10:15:00.000Z',
          value: 2.5,
          quality: 'measured',
          ingestedAt: '2026-03-01T10:16:00.000Z',
        },
        {
          deviceId: 'pub-dev-a1',
          installationId: 'pub-inst',
          unitId: 'pub-unit-a',
          variable: 'active_power',
          unit: 'kW',
          ts: '2026-03-01T10:30:00.000Z',
          value: 4,
          quality: 'measured',
          ingestedAt: '2026-03-01T10:31:00.000Z',
        },
        {
          deviceId: 'pub-dev-a2',
          installationId: 'pub-inst',
          unitId: 'pub-unit-a',
          variable: 'active_energy_import',
          unit: 'kWh',
          ts: null,
          value: null,
          quality: null,
          ingestedAt: null,
        },
        {
          deviceId: 'pub-dev-a2',
          installationId: 'pub-inst',
          unitId: 'pub-unit-a',
          variable: 'active_power',
          unit: 'kW',
          ts: null,
          value: null,
          quality: null,
          ingestedAt: null,
        },
      ],
    });
  });

  it('answers a device list and chosen variables, rounded to the declared decimals, with the quality', async () => {
    const res = await h.get('/v1/latest?deviceIds=pub-dev-d3,pub-dev-a1&variables=active_energy_import', token);
    expect(
      res.body.series.map((s: { deviceId: string; value: number; quality: string }) => [
        s.deviceId,
        s.value,
        s.quality,
      ]),
    ).toEqual([
      ['pub-dev-a1', 2.5, 'measured'],
      ['pub-dev-d3', 0.3, 'estimated'],
    ]);
  });

  it('answers an installation as CSV with the same columns', async () => {
    const res = await h.get('/v1/latest?installationId=pub-inst&variables=active_power', token, { accept: 'text/csv' });
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe('installationId,unitId,deviceId,variable,unit,ts,value,quality,ingestedAt');
    expect(lines[1]).toBe(
      'pub-inst,pub-unit-a,pub-dev-a1,active_power,kW,2026-03-01T10:30:00.000Z,4,measured,2026-03-01T10:31:00.000Z',
    );
    expect(lines).toHaveLength(4); // a1, a2, b1 have active_power; n and d3 do not
  });

  it('refuses a missing, doubled or malformed selection with a stable code', async () => {
    const cases: [string, string][] = [
      ['', 'MEASUREMENTS_SCOPE_REQUIRED'],
      ['?installationId=pub-inst&unitId=pub-unit-a', 'MEASUREMENTS_PARAMETER_INVALID'],
      ['?deviceIds=bad%20id', 'MEASUREMENTS_PARAMETER_INVALID'],
      ['?unitId=pub-unit-a&variables=Not-A-Name', 'MEASUREMENTS_PARAMETER_INVALID'],
      ['?unitId=pub-unit-a&limit=3', 'MEASUREMENTS_PARAMETER_INVALID'],
      ['?unitId=pub-unit-a&variables=water_volume', 'MEASUREMENTS_VARIABLE_UNKNOWN'],
    ];
    for (const [q, code] of cases) {
      const res = await h.get(`/v1/latest${q}`, token);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect([q, res.status, res.body.code]).toEqual([q, 400, code]);
    }
  });

  it("answers a private organization's meters, installation or unit without grant as 404, like ones that do not exist", async () => {
    const attacker = h.tokens.consumer('attacker');
    for (const [q, code] of [
      ['deviceIds=priv-dev-1', 'DEVICE_NOT_FOUND'],
      ['deviceIds=pub-dev-a1,priv-dev-1', 'DEVICE_NOT_FOUND'],
      ['deviceIds=nope', 'DEVICE_NOT_FOUND'],
      ['installationId=priv-inst', 'INSTALLATION_NOT_FOUND'],
      ['installationId=nope', 'INSTALLATION_NOT_FOUND'],
      ['unitId=priv-unit', 'UNIT_NOT_FOUND'],
    ] as const) {
      const res = await h.get(`/v1/latest?${q}`, attacker);
      expect([q, res.status, res.body.code]).toEqual([q, 404, code]);
      expect(res.text).not.toContain('77');
    }
    const granted = await h.get(
      '/v1/latest?deviceIds=priv-dev-1&variables=active_energy_import',
      h.tokens.consumer('consumer-2', ['priv']),
    );
    expect(granted.body.series.map((s: { value: number }) => s.value)).toEqual([77]);
    expect((await h.get('/v1/latest?unitId=pub-unit-a')).status).toBe(401);
  });
});
