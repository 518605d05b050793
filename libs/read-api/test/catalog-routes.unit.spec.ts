import { beforeAll, describe, expect, it } from 'vitest';
import { harness, type Harness } from './fakes/harness.ts';
import { device, series, world } from './fakes/world.ts';

describe('catalog routes', () => {
  let h: Harness;
  let token: string;
  beforeAll(async () => {
    const data = world();
    // Enough meters in one unit to page through.
    for (let i = 0; i < 25; i++)
      data.devices.push(device(`pub-dev-z${String(i).padStart(2, '0')}`, 'pub-inst', 'pub', 'pub-unit-b'));
    const readings = [
      ...series('pub-dev-a1', 'active_energy_import', [
        ['2026-03-01T10:00:00.000Z', 1],
        ['2026-03-01T10:15:00.000Z', 2],
      ]),
      ...series('pub-dev-a1', 'active_power', [['2026-03-01T10:30:00.000Z', 4]]),
    ];
    h = await harness({ data, readings });
    token = h.tokens.consumer('consumer-1', ['priv']);
  });

  it('lists every organization with its visibility, and says which the caller may read', async () => {
    const res = await h.get('/v1/organizations', token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      organizations: [
        { organizationId: 'other', name: 'Org other', visibility: 'private', accessible: false },
        { organizationId: 'priv', name: 'Org priv', visibility: 'private', accessible: true },
        { organizationId: 'pub', name: 'Org pub', visibility: 'public', accessible: true },
      ],
      nextCursor: null,
    });
  });

  it('lists the readable installations with their units, optionally of one organization', async () => {
    const all = await h.get('/v1/installations', token);
    expect(all.body.installations.map((i: { installationId: string }) => i.installationId)).toEqual([
      'priv-inst',
      'pub-inst',
    ]);
    expect(all.body.installations[1]).toEqual({
      installationId: 'pub-inst',
      organizationId: 'pub',
      name: 'Installation pub-inst',
      timezone: 'America/Santiago',
      address: null,
      units: [
        { unitId: 'pub-unit-a', name: 'Unit pub-unit-a' },
        { unitId: 'pub-unit-b', name: 'Unit pub-unit-b' },
      ],
    });
    const one = await h.get('/v1/installations?organizationId=pub', token);
    expect(one.body.installations.map((i: { installationId: string }) => i.installationId)).toEqual(['pub-inst']);
  });

  it('answers a device with status, last reading time and variables', async () => {
    const res = await h.get('/v1/devices/pub-dev-n', token);
    expect(res.body).toEqual({
      deviceId: 'pub-dev-n',
      installationId: 'pub-inst',
      organizationId: 'pub',
      unitId: null,
      name: null,
      model: null,
      status: 'active',
      lastSeenAt: null,
      variables: [{ name: 'active_energy_import', unit: 'kWh', kind: 'cumulative' }],
    });
  });

  it('gives each listed device the time of its newest reading of any variable, from the measurements store', async () => {
    const res = await h.get('/v1/devices?unitId=pub-unit-a', token);
    expect(
      res.body.devices.map((d: { deviceId: string; lastSeenAt: string | null }) => [d.deviceId, d.lastSeenAt]),
    ).toEqual([
      ['pub-dev-a1', '2026-03-01T10:30:00.000Z'],
      ['pub-dev-a2', null],
    ]);
    expect((await h.get('/v1/devices/pub-dev-a1', token)).body.lastSeenAt).toBe('2026-03-01T10:30:00.000Z');
  });

  it('pages a list with opaque cursors: every item once, in order', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await h.get(
        `/v1/devices?unitId=pub-unit-b&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        token,
      );
      expect(res.status).toBe(200);
      expect(res.body.devices.length).toBeLessThanOrEqual(7);
      seen.push(...res.body.devices.map((d: { deviceId: string }) => d.deviceId));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    const expected = ['pub-dev-b1', ...Array.from({ length: 25 }, (_, i) => `pub-dev-z${String(i).padStart(2, '0')}`)];
    expect(seen).toEqual(expected);
  });

  it('refuses a list cursor used with another filter', async () => {
    const first = await h.get('/v1/devices?unitId=pub-unit-b&limit=2', token);
    const res = await h.get(
      `/v1/devices?installationId=pub-inst&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
      token,
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('CURSOR_INVALID');
  });

  it('takes at most one scope to list devices, and without one lists only what the caller may read', async () => {
    for (const q of ['?installationId=pub-inst&unitId=pub-unit-a', '?unitId=pub-unit-a&organizationId=pub']) {
      const res = await h.get(`/v1/devices${q}`, token);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('REQUEST_INVALID');
    }
    // This caller reads the public organization and is granted priv, never other.
    const everything = await h.get('/v1/devices?limit=1000', token);
    const organizations = new Set(everything.body.devices.map((d: { organizationId: string }) => d.organizationId));
    expect([...organizations].sort()).toEqual(['priv', 'pub']);
    expect(everything.body.nextCursor).toBeNull();
  });

  it('refuses unknown parameters and out-of-range limits', async () => {
    const unknown = await h.get('/v1/organizations?limt=5', token);
    expect([unknown.status, unknown.body.code, unknown.body.detail]).toEqual([
      400,
      'REQUEST_INVALID',
      'unknown query parameter limt; allowed: limit, cursor',
    ]);
    const big = await h.get('/v1/organizations?limit=5000', token);
    expect([big.status, big.body.code]).toEqual([400, 'REQUEST_INVALID']);
  });

  it('answers catalog reads with an ETag and private caching, and 304 when it still matches', async () => {
    const first = await h.get('/v1/installations/pub-inst', token);
    expect(first.headers['cache-control']).toBe('private, max-age=60');
    expect(first.headers.vary).toBe('Authorization, Accept-Encoding');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const again = await h.get('/v1/installations/pub-inst', token, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.etag).toBe(etag);
    const stale = await h.get('/v1/installations/pub-inst', token, { 'if-none-match': '"something-else"' });
    expect(stale.status).toBe(200);
    expect(stale.body.installationId).toBe('pub-inst');
  });

  it('gives different ETags to answers that differ by grants', async () => {
    const granted = await h.get('/v1/installations', token);
    const ungranted = await h.get('/v1/installations', h.tokens.consumer('consumer-2'));
    expect(granted.headers.etag).not.toBe(ungranted.headers.etag);
    const cross = await h.get('/v1/installations', h.tokens.consumer('consumer-2'), {
      'if-none-match': String(granted.headers.etag),
    });
    expect(cross.status).toBe(200);
  });

  it('answers /v1/me from the token', async () => {
    const res = await h.get('/v1/me', h.tokens.consumer('consumer-9', ['priv', 'other']));
    expect(res.body).toMatchObject({
      consumerId: 'consumer-9',
      clientId: 'consumer-9',
      role: 'api_consumer',
      grants: ['other', 'priv'],
    });
    expect(Date.parse(res.body.tokenExpiresAt) - Date.now()).toBeGreaterThan(800_000);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
