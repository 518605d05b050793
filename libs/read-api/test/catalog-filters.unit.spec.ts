import { beforeAll, describe, expect, it } from 'vitest';
import { harness, type Harness } from './fakes/harness.ts';
import { device, ENERGY, world } from './fakes/world.ts';

const ids = (list: { deviceId?: string; installationId?: string }[]) => list.map((i) => i.deviceId ?? i.installationId);

describe('catalog list filters', () => {
  let h: Harness;
  let token: string;
  beforeAll(async () => {
    const data = world();
    const named = (
      id: string,
      name: string,
      status: 'active' | 'offline',
      unit: string | null,
      variables = [ENERGY],
    ) => ({ ...device(id, 'pub-inst', 'pub', unit, variables), name, status });
    data.devices.push(
      named('pub-dev-f1', 'Bomba Norte', 'offline', 'pub-unit-a'),
      named('pub-dev-f2', 'Medidor Bombas (sur)', 'offline', 'pub-unit-b'),
      named('pub-dev-f3', 'Ascensor', 'active', 'pub-unit-b'),
      { ...device('priv-dev-off', 'priv-inst', 'priv', 'priv-unit'), name: 'Bomba privada', status: 'offline' },
    );
    data.installations[0] = { ...data.installations[0]!, name: 'Edificio Ñuñoa' };
    h = await harness({ data });
    token = h.tokens.consumer('consumer-1');
  });

  it('lists the devices of a scope by status, by variable and by name, combined with AND', async () => {
    expect(ids((await h.get('/v1/devices?installationId=pub-inst&status=offline', token)).body.devices)).toEqual([
      'pub-dev-f1',
      'pub-dev-f2',
    ]);
    expect(ids((await h.get('/v1/devices?unitId=pub-unit-b&status=offline', token)).body.devices)).toEqual([
      'pub-dev-f2',
    ]);
    const withPower = (await h.get('/v1/devices?installationId=pub-inst&variable=active_power', token)).body.devices;
    expect(ids(withPower)).toEqual(['pub-dev-a1', 'pub-dev-a2', 'pub-dev-b1']);
    expect(ids((await h.get('/v1/devices?installationId=pub-inst&name=BOMBA', token)).body.devices)).toEqual([
      'pub-dev-f1',
      'pub-dev-f2',
    ]);
    expect(
      ids((await h.get('/v1/devices?installationId=pub-inst&name=bombas%20(&status=offline', token)).body.devices),
    ).toEqual(['pub-dev-f2']);
    expect(
      (await h.get('/v1/devices?installationId=pub-inst&variable=active_power&status=offline', token)).body,
    ).toEqual({ devices: [], nextCursor: null });
  });

  it('lists every offline meter the caller may read, or those of one organization, without a scope', async () => {
    expect(ids((await h.get('/v1/devices?status=offline', token)).body.devices)).toEqual(['pub-dev-f1', 'pub-dev-f2']);
    const granted = h.tokens.consumer('consumer-1', ['priv']);
    expect(ids((await h.get('/v1/devices?status=offline', granted)).body.devices)).toEqual([
      'priv-dev-off',
      'pub-dev-f1',
      'pub-dev-f2',
    ]);
    expect(ids((await h.get('/v1/devices?organizationId=priv&status=offline', granted)).body.devices)).toEqual([
      'priv-dev-off',
    ]);
    const hidden = await h.get('/v1/devices?organizationId=priv&status=offline', token);
    expect([hidden.status, hidden.body.code]).toEqual([404, 'ORGANIZATION_NOT_FOUND']);
    const two = await h.get('/v1/devices?organizationId=pub&installationId=pub-inst', token);
    expect([two.status, two.body.code]).toEqual([400, 'REQUEST_INVALID']);
  });

  it('lists installations by name, ignoring case', async () => {
    const res = await h.get(`/v1/installations?name=${encodeURIComponent('ñUÑ')}`, token);
    expect(res.status).toBe(200);
    expect(ids(res.body.installations)).toEqual(['pub-inst']);
    expect((await h.get('/v1/installations?name=nothing-like-it', token)).body).toEqual({
      installations: [],
      nextCursor: null,
    });
  });

  it('pages a filtered list, and refuses its cursor with another filter', async () => {
    const first = await h.get('/v1/devices?installationId=pub-inst&status=offline&limit=1', token);
    expect(ids(first.body.devices)).toEqual(['pub-dev-f1']);
    const cursor = encodeURIComponent(first.body.nextCursor);
    const second = await h.get(`/v1/devices?installationId=pub-inst&status=offline&limit=1&cursor=${cursor}`, token);
    expect([ids(second.body.devices), second.body.nextCursor]).toEqual([['pub-dev-f2'], null]);
    for (const other of ['status=active', 'name=bomba', '']) {
      const res = await h.get(`/v1/devices?installationId=pub-inst&${other}&limit=1&cursor=${cursor}`, token);
      expect([res.status, res.body.code]).toEqual([400, 'CURSOR_INVALID']);
    }
    const installations = await h.get('/v1/installations?limit=1', h.tokens.consumer('consumer-1', ['priv']));
    const reused = await h.get(
      `/v1/installations?name=edificio&limit=1&cursor=${encodeURIComponent(installations.body.nextCursor)}`,
      token,
    );
    expect([reused.status, reused.body.code]).toEqual([400, 'CURSOR_INVALID']);
  });

  it('answers invalid filter values with 400 CATALOG_FILTER_INVALID, as problem+json', async () => {
    for (const q of ['status=broken', 'status=', 'name=', `name=${'x'.repeat(129)}`, 'variable=']) {
      const res = await h.get(`/v1/devices?installationId=pub-inst&${q}`, token);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect([res.status, res.body.code, res.body.errors?.[0]?.path]).toEqual([
        400,
        'CATALOG_FILTER_INVALID',
        `/${q.split('=')[0]}`,
      ]);
    }
    const installations = await h.get('/v1/installations?name=', token);
    expect([installations.status, installations.body.code]).toEqual([400, 'CATALOG_FILTER_INVALID']);
    const limit = await h.get('/v1/devices?installationId=pub-inst&status=offline&limit=0', token);
    expect([limit.status, limit.body.code]).toEqual([400, 'REQUEST_INVALID']);
  });

  it("never reveals a private organization's meters or installations through a filter", async () => {
    const res = await h.get('/v1/devices?installationId=priv-inst&status=offline', token);
    expect([res.status, res.body.code]).toEqual([404, 'INSTALLATION_NOT_FOUND']);
    const byUnit = await h.get('/v1/devices?unitId=priv-unit&name=bomba', token);
    expect([byUnit.status, byUnit.body.code]).toEqual([404, 'UNIT_NOT_FOUND']);
    const byName = await h.get('/v1/installations?name=installation', token);
    expect(ids(byName.body.installations)).toEqual([]);
    const granted = await h.get(
      '/v1/devices?installationId=priv-inst&status=offline',
      h.tokens.consumer('consumer-1', ['priv']),
    );
    expect(ids(granted.body.devices)).toEqual(['priv-dev-off']);
  });
});
