import type { AddressInfo } from 'node:net';
import Type from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, createMetrics, loadConfig, type Config } from '../src/index.ts';

function appWith(overrides: Partial<Config> = {}) {
  const app = createHttpApp({
    config: loadConfig({}, { LOG_LEVEL: 'silent', ...overrides }),
    metrics: createMetrics('test'),
  });
  app.register(
    async (v1) => {
      v1.get(
        '/organizations',
        {
          schema: {
            querystring: Type.Object({
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
              cursor: Type.Optional(Type.String()),
            }),
          },
        },
        async (request) => ({ query: request.query }),
      );
      v1.get('/organizations/:id', async () => ({ ok: true }));
      v1.post('/organizations/:id/grants', async () => ({ ok: true }));
      v1.get('/page', async (_request, reply) =>
        reply.type('text/html; charset=utf-8').send('<!doctype html><title>x</title>'),
      );
    },
    { prefix: '/v1' },
  );
  return app;
}

describe('security headers on every answer', () => {
  const app = appWith();
  beforeAll(async () => {
    await app.ready();
  });

  it('send nosniff, no framing, no referrer and a nothing-loads CSP on JSON, errors and unknown routes', async () => {
    for (const url of ['/v1/organizations', '/v1/organizations?limit=0', '/nothing', '/health/live']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['content-security-policy'], url).toContain("default-src 'none'");
      expect(res.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
    }
  });

  it('give an HTML page without a policy of its own one that loads only from this origin, without inline scripts', async () => {
    const csp = String((await app.inject({ method: 'GET', url: '/v1/page' })).headers['content-security-policy']);
    const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src'));
    expect(scriptSrc).toBe("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
  });
});

describe('HTTP method and parameter conventions', () => {
  const app = appWith();
  beforeAll(async () => {
    await app.ready();
  });

  it('answers a method the path does not support with 405 and Allow (RFC 9110 §15.5.6)', async () => {
    const res = await app.inject({ method: 'DELETE', url: '/v1/organizations/org-1' });
    expect([res.statusCode, res.headers['content-type'], res.json().code]).toEqual([
      405,
      'application/problem+json; charset=utf-8',
      'METHOD_NOT_ALLOWED',
    ]);
    expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
    const post = await app.inject({ method: 'PUT', url: '/v1/organizations/org-1/grants' });
    expect([post.statusCode, post.headers.allow]).toEqual([405, 'POST, OPTIONS']);
  });

  it('answers OPTIONS with the allowed methods, and an unknown path with 404', async () => {
    const options = await app.inject({ method: 'OPTIONS', url: '/v1/organizations' });
    expect([options.statusCode, options.headers.allow]).toEqual([204, 'GET, HEAD, OPTIONS']);
    const unknown = await app.inject({ method: 'DELETE', url: '/v1/nothing' });
    expect([unknown.statusCode, unknown.json().code, unknown.headers.allow]).toEqual([
      404,
      'ROUTE_NOT_FOUND',
      undefined,
    ]);
  });

  it('refuses integers not written in digits (limit=1e3 is not 1000) with 400 problem+json', async () => {
    for (const limit of ['1e3', '0x10', '1.0', '+5', ' 5']) {
      const res = await app.inject({ method: 'GET', url: `/v1/organizations?limit=${encodeURIComponent(limit)}` });
      expect([res.statusCode, res.json().code, res.json().errors?.[0]?.path], limit).toEqual([
        400,
        'REQUEST_INVALID',
        '/limit',
      ]);
    }
    const ok = await app.inject({ method: 'GET', url: '/v1/organizations?limit=1000' });
    expect([ok.statusCode, ok.json()]).toEqual([200, { query: { limit: 1000 } }]);
  });
});

describe('/metrics', () => {
  it('is not served on the HTTP port when neither MEDIDO_METRICS_PORT nor MEDIDO_METRICS_TOKEN is set', async () => {
    const app = appWith();
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    await app.close();
  });

  it('wants MEDIDO_METRICS_TOKEN as a bearer credential on the HTTP port', async () => {
    const app = appWith({ MEDIDO_METRICS_TOKEN: 'metrics-secret-0123456789' });
    const none = await app.inject({ method: 'GET', url: '/metrics' });
    expect([none.statusCode, none.json().code, none.headers['www-authenticate']]).toEqual([
      401,
      'AUTH_TOKEN_MISSING',
      'Bearer realm="metrics"',
    ]);
    const wrong = await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer metrics-secret-0123456788' },
    });
    expect([wrong.statusCode, wrong.json().code]).toEqual([401, 'AUTH_CREDENTIAL_INVALID']);
    const right = await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer metrics-secret-0123456789' },
    });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('medido_http_request_duration_seconds');
    await app.close();
  });

  describe('with MEDIDO_METRICS_PORT', () => {
    let metricsPort = 0;
    let listener: ReturnType<typeof appWith>;
    beforeAll(async () => {
      // A port of its own: find a free one first, since 0 means "off" in the configuration.
      const probe = appWith();
      await probe.listen({ host: '127.0.0.1', port: 0 });
      metricsPort = (probe.server.address() as AddressInfo).port;
      await probe.close();
      listener = appWith({ MEDIDO_METRICS_PORT: metricsPort, MEDIDO_METRICS_TOKEN: 'ignored-on-the-main-port' });
      await listener.listen({ host: '127.0.0.1', port: 0 });
    });
    afterAll(async () => {
      await listener?.close();
    });

    it('is served there without a credential, and not on the HTTP port', async () => {
      const apart = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(apart.status).toBe(200);
      expect(await apart.text()).toContain('medido_http_request_duration_seconds');
      expect(apart.headers.get('x-content-type-options')).toBe('nosniff');
      const main = await listener.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: 'Bearer ignored-on-the-main-port' },
      });
      expect(main.statusCode).toBe(404);
    });

    it('closes with the app', async () => {
      await listener.close();
      await expect(fetch(`http://127.0.0.1:${metricsPort}/metrics`)).rejects.toThrow();
    });
  });
});
