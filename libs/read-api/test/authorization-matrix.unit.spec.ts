import { beforeAll, describe, expect, it } from 'vitest';
import { harness, type Harness } from './fakes/harness.ts';
import { register } from './fakes/world.ts';

/**
 * Every route × every kind of caller. Resources of the private organization `priv` must answer exactly
 * like resources that do not exist to every caller without the `priv` grant, and no answer may carry
 * data of an organization the caller may not read.
 */
const W = 'from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z';

/** Routes addressing one organization's resources, with `{o}` standing for the organization prefix. */
const SCOPED = [
  ['/v1/organizations/{org}', 'ORGANIZATION_NOT_FOUND'],
  ['/v1/installations?organizationId={org}', 'ORGANIZATION_NOT_FOUND'],
  ['/v1/installations/{o}-inst', 'INSTALLATION_NOT_FOUND'],
  ['/v1/devices?installationId={o}-inst', 'INSTALLATION_NOT_FOUND'],
  ['/v1/devices?unitId={o}-unit', 'UNIT_NOT_FOUND'],
  ['/v1/devices/{o}-dev-1', 'DEVICE_NOT_FOUND'],
  [`/v1/measurements?installationId={o}-inst&${W}`, 'INSTALLATION_NOT_FOUND'],
  [`/v1/measurements?unitId={o}-unit&${W}&frequency=1d&groupBy=unit`, 'UNIT_NOT_FOUND'],
  [`/v1/measurements?installationId={o}-inst&deviceIds={o}-dev-1&${W}&frequency=raw`, 'INSTALLATION_NOT_FOUND'],
  ['/v1/consumption?installationId={o}-inst&month=2026-01', 'INSTALLATION_NOT_FOUND'],
  ['/v1/consumption?unitId={o}-unit&month=2026-01', 'UNIT_NOT_FOUND'],
  ['/v1/consumption?deviceId={o}-dev-1&month=2026-01', 'DEVICE_NOT_FOUND'],
] as const;
const GLOBAL = ['/v1/organizations', '/v1/installations', '/v1/me'];

const fill = (route: string, org: string, prefix = org) => route.replaceAll('{org}', org).replaceAll('{o}', prefix);
const PUBLIC_FILL = (route: string) =>
  route
    .replaceAll('{org}', 'pub')
    .replaceAll('{o}-unit', 'pub-unit-a')
    .replaceAll('{o}-dev-1', 'pub-dev-a1')
    .replaceAll('{o}', 'pub');
const ALL_ROUTES = [...GLOBAL, ...SCOPED.map(([r]) => PUBLIC_FILL(r)), ...SCOPED.map(([r]) => fill(r, 'priv'))];

describe('authorization matrix', () => {
  let h: Harness;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    h = await harness({
      readings: [
        ...register(
          'pub-dev-a1',
          'active_energy_import',
          '2026-01-01T00:00:00Z',
          '2026-01-02T00:00:00Z',
          3_600_000,
          0,
          1,
        ),
        ...register(
          'priv-dev-1',
          'active_energy_import',
          '2026-01-01T00:00:00Z',
          '2026-01-02T00:00:00Z',
          3_600_000,
          0,
          1,
        ),
        ...register(
          'other-dev-1',
          'active_energy_import',
          '2026-01-01T00:00:00Z',
          '2026-01-02T00:00:00Z',
          3_600_000,
          0,
          1,
        ),
      ],
    });
    Object.assign(tokens, {
      expired: h.tokens.expired(),
      wrongAudience: h.tokens.wrongAudience(),
      foreignKey: h.tokens.foreignKey(),
      adminRole: h.tokens.withRole('admin'),
      otherConsumer: h.tokens.consumer('consumer-b'),
      grantToOther: h.tokens.consumer('consumer-c', ['other']),
      grantToPriv: h.tokens.consumer('consumer-d', ['priv']),
    });
  });

  it.each(ALL_ROUTES)('%s refuses callers that are not authenticated API consumers', async (url) => {
    const cases: [string | null, number, string, RegExp][] = [
      [null, 401, 'AUTH_TOKEN_MISSING', /^Bearer realm="medido"$/],
      ['expired', 401, 'AUTH_TOKEN_EXPIRED', /error="invalid_token"/],
      ['wrongAudience', 401, 'AUTH_TOKEN_INVALID', /error="invalid_token"/],
      ['foreignKey', 401, 'AUTH_TOKEN_INVALID', /error="invalid_token"/],
      ['adminRole', 403, 'AUTH_ROLE_REQUIRED', /error="insufficient_scope"/],
    ];
    for (const [caller, status, code, challenge] of cases) {
      const res = await h.get(url, caller ? tokens[caller] : null);
      expect([caller, res.status, res.body.code]).toEqual([caller, status, code]);
      expect(res.headers['www-authenticate']).toMatch(challenge);
      // Nothing but the caller's own URL (`instance`) may name a resource.
      expect(JSON.stringify({ ...res.body, instance: undefined })).not.toMatch(/pub-|priv-|other-/);
    }
  });

  it('refuses a token in another scheme or malformed header as missing', async () => {
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer', `Token ${tokens.otherConsumer}`]) {
      const res = await h.app.inject({ method: 'GET', url: '/v1/me', headers: { authorization } });
      expect([res.statusCode, res.json().code]).toEqual([401, 'AUTH_TOKEN_MISSING']);
    }
  });

  it.each(['otherConsumer', 'grantToOther', 'grantToPriv'])('%s reads every public resource', async (caller) => {
    for (const [route] of SCOPED) {
      const res = await h.get(PUBLIC_FILL(route), tokens[caller]);
      expect([PUBLIC_FILL(route), res.status]).toEqual([PUBLIC_FILL(route), 200]);
    }
  });

  it.each(['otherConsumer', 'grantToOther'])(
    '%s gets 404 for every private resource it holds no grant for, as for a missing one',
    async (caller) => {
      for (const [route, code] of SCOPED) {
        const hidden = await h.get(fill(route, 'priv'), tokens[caller]);
        const missing = await h.get(fill(route, 'ghost'), tokens[caller]);
        expect([fill(route, 'priv'), hidden.status, hidden.body.code]).toEqual([fill(route, 'priv'), 404, code]);
        // Same answer as for an id that does not exist, but for the id itself.
        expect(hidden.text.replaceAll('priv', 'ghost')).toBe(missing.text);
        expect(hidden.headers['content-type']).toBe(missing.headers['content-type']);
      }
    },
  );

  it('grantToPriv reads its private organization, and still nothing of another one', async () => {
    for (const [route] of SCOPED) {
      const res = await h.get(fill(route, 'priv'), tokens.grantToPriv);
      expect([fill(route, 'priv'), res.status]).toEqual([fill(route, 'priv'), 200]);
      expect(res.text).toContain('priv');
      const other = await h.get(fill(route, 'other'), tokens.grantToPriv);
      expect([fill(route, 'other'), other.status]).toEqual([fill(route, 'other'), 404]);
    }
  });

  it.each([
    ['otherConsumer', ['pub-']],
    ['grantToOther', ['pub-', 'other-']],
    ['grantToPriv', ['pub-', 'priv-']],
  ])('%s: lists and measurements never carry data of organizations it may not read', async (caller, allowed) => {
    const forbidden = ['pub-', 'priv-', 'other-'].filter((p) => !allowed.includes(p));
    const urls = [
      '/v1/installations',
      '/v1/organizations',
      '/v1/me',
      `/v1/measurements?installationId=pub-inst&${W}&groupBy=installation`,
      '/v1/consumption?installationId=pub-inst&month=2026-01',
    ];
    for (const url of urls) {
      const res = await h.get(url, tokens[caller]);
      expect(res.status).toBe(200);
      for (const p of forbidden) expect([url, res.text.includes(p)]).toEqual([url, false]);
    }
    const installations = (await h.get('/v1/installations', tokens[caller])).body.installations.map(
      (i: { installationId: string }) => i.installationId,
    );
    expect(installations).toEqual(allowed.map((p) => `${p}inst`).sort());
  });

  it('checks every deviceIds entry: one hidden meter among visible ones is a 404, never silently dropped', async () => {
    for (const caller of ['otherConsumer', 'grantToOther']) {
      const res = await h.get(
        `/v1/measurements?installationId=pub-inst&deviceIds=pub-dev-a1,priv-dev-1&${W}`,
        tokens[caller],
      );
      expect([res.status, res.body.code, res.body.detail]).toEqual([404, 'DEVICE_NOT_FOUND', 'no device priv-dev-1']);
      const ghost = await h.get(
        `/v1/measurements?installationId=pub-inst&deviceIds=pub-dev-a1,ghost-dev-1&${W}`,
        tokens[caller],
      );
      expect([ghost.status, ghost.body.code, ghost.body.detail]).toEqual([
        404,
        'DEVICE_NOT_FOUND',
        'no device ghost-dev-1',
      ]);
    }
    // With the grant the meter exists for the caller, and is simply outside the installation.
    const granted = await h.get(
      `/v1/measurements?installationId=pub-inst&deviceIds=pub-dev-a1,priv-dev-1&${W}`,
      tokens.grantToPriv,
    );
    expect([granted.status, granted.body.code]).toEqual([400, 'MEASUREMENTS_DEVICE_NOT_IN_SCOPE']);
  });

  it('/v1/me answers each caller its own identity and grants', async () => {
    expect((await h.get('/v1/me', tokens.grantToPriv)).body).toMatchObject({
      consumerId: 'consumer-d',
      grants: ['priv'],
    });
    expect((await h.get('/v1/me', tokens.otherConsumer)).body).toMatchObject({ consumerId: 'consumer-b', grants: [] });
  });
});
