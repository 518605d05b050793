import { beforeAll, describe, expect, it } from 'vitest';
import {
  accessTokenAudience,
  accessTokenIssuer,
  createAccessTokenIssuer,
  generateSigningJwk,
  signingKeyFromPrivateJwk,
} from '@medido/auth';
import { buildApiApp } from '../src/app.ts';
import { fakeCatalog, fakeMeasurements, testConfig } from './fakes.ts';

describe('the api app', () => {
  const keys = [signingKeyFromPrivateJwk(generateSigningJwk())];
  const catalog = fakeCatalog([{ organizationId: 'org-1', name: 'Municipalidad X', visibility: 'public' }]);
  const measurements = fakeMeasurements();
  const app = buildApiApp({
    config: testConfig({ MEDIDO_METRICS_TOKEN: 'metrics-credential-for-the-test' }),
    catalog,
    measurements,
    keys,
    accessEvents: { publish: async () => {} },
  });
  // Tokens as the app's own /auth/token issues them: issuer and audience derived from MEDIDO_PUBLIC_URL.
  const token = createAccessTokenIssuer(keys, {
    issuer: accessTokenIssuer('https://api.medido.test'),
    audience: accessTokenAudience('https://api.medido.test'),
    ttlSeconds: 900,
  }).issue({ consumerId: 'consumer-1', grants: [] }).token;
  beforeAll(async () => {
    await app.ready();
  });

  it('serves the read API to tokens of its own issuer and audience', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/v1/organizations',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      organizations: [{ organizationId: 'org-1', name: 'Municipalidad X', visibility: 'public', accessible: true }],
      nextCursor: null,
    });
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('keeps a sane request id from the load balancer and replaces anything else', async () => {
    const kept = await app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'lb-123' } });
    expect(kept.headers['x-request-id']).toBe('lb-123');
    const replaced = await app.inject({
      method: 'GET',
      url: '/health/live',
      headers: { 'x-request-id': 'bad id\u0007' },
    });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports readiness per store', async () => {
    expect((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
    measurements.failing = true;
    const down = await app.inject({ method: 'GET', url: '/health/ready' });
    measurements.failing = false;
    expect(down.statusCode).toBe(503);
    expect(down.json().checks).toEqual([
      { name: 'catalog', status: 'ok' },
      { name: 'measurements', status: 'down', error: 'ClickHouse is unreachable' },
    ]);
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
  });

  it('counts requests by route in /metrics', async () => {
    await app.inject({ method: 'GET', url: '/v1/organizations', headers: { authorization: `Bearer ${token}` } });
    const metrics = await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer metrics-credential-for-the-test' },
    });
    expect(metrics.body).toMatch(
      /medido_http_request_duration_seconds_count\{[^}]*route="\/v1\/organizations"[^}]*status="200"/,
    );
  });

  it('documents the read and auth routes in one OpenAPI document, and publishes the JWKS', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.servers).toEqual([{ url: 'https://api.medido.test' }]);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/measurements', '/v1/organizations', '/.well-known/jwks.json']),
    );
    const jwks = (await app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    expect(jwks.keys.map((k: { kid: string }) => k.kid)).toEqual([keys[0]!.kid]);
  });

  it('answers unknown routes with a problem', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/v1/nothing-here',
      headers: { authorization: `Bearer ${token}` },
    });
    expect([res.statusCode, res.headers['content-type'], res.json().code]).toEqual([
      404,
      'application/problem+json; charset=utf-8',
      'ROUTE_NOT_FOUND',
    ]);
  });
});
