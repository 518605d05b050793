import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { problemHandler } from '@medido/platform';
import { readApi } from '../src/read-api.plugin.ts';
import { harness } from './fakes/harness.ts';
import { inMemoryCatalog } from './fakes/in-memory-catalog.ts';
import { inMemoryMeasurements } from './fakes/in-memory-measurements.ts';
import { testTokens } from './fakes/tokens.ts';
import { world } from './fakes/world.ts';

describe('per-consumer rate limiting', () => {
  it('counts per token subject, announces the budget and answers 429 with Retry-After when spent', async () => {
    const h = await harness({ overrides: { rateLimitPerMinute: 3 } });
    const alice = h.tokens.consumer('alice');
    const remaining: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await h.get('/v1/organizations', alice);
      expect(res.status).toBe(200);
      expect(res.headers['ratelimit-limit']).toBe('3');
      expect(Number(res.headers['ratelimit-reset'])).toBeGreaterThan(0);
      remaining.push(res.headers['ratelimit-remaining']);
    }
    expect(remaining).toEqual(['2', '1', '0']);

    const refused = await h.get('/v1/me', alice);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);

    // A fresh token of the same consumer shares the budget; another consumer has its own.
    expect((await h.get('/v1/me', h.tokens.consumer('alice'))).status).toBe(429);
    const bob = await h.get('/v1/me', h.tokens.consumer('bob'));
    expect([bob.status, bob.headers['ratelimit-remaining']]).toEqual([200, '2']);
  });
});

describe('mounting', () => {
  it('keeps authentication and rate limiting inside /v1: routes beside it in a shared instance are untouched', async () => {
    const tokens = testTokens();
    const app = Fastify({ logger: false });
    await app.register(problemHandler);
    await app.register(readApi, {
      catalog: inMemoryCatalog(world()),
      measurements: inMemoryMeasurements([]),
      verifier: tokens.verifier,
      cursorKeys: [Buffer.alloc(32)],
      rateLimitPerMinute: 1,
    });
    app.post('/v1/ingest/measurements', async () => ({ accepted: 0, rejected: [] }));
    for (let i = 0; i < 3; i++) {
      const res = await app.inject({ method: 'POST', url: '/v1/ingest/measurements', payload: {} });
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBeUndefined();
    }
    expect((await app.inject({ method: 'GET', url: '/v1/me' })).statusCode).toBe(401);
    const unknown = await app.inject({ method: 'GET', url: '/v2/nothing' });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'ROUTE_NOT_FOUND']);
  });
});

describe('OpenAPI document and docs UI', () => {
  it('publishes OpenAPI 3.1 generated from the route schemas, with the conventions and problem responses', async () => {
    const h = await harness();
    const res = await h.get('/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/v1/consumption',
      '/v1/devices',
      '/v1/devices/{id}',
      '/v1/installations',
      '/v1/installations/{id}',
      '/v1/latest',
      '/v1/me',
      '/v1/measurements',
      '/v1/organizations',
      '/v1/organizations/{id}',
    ]);
    const measurements = doc.paths['/v1/measurements'].get;
    expect(measurements.description).toContain('t₂ − 1 ms');
    expect(measurements.description).toContain('23 h or 25 h');
    expect(measurements.security).toEqual([{ bearerAuth: [] }]);
    expect(Object.keys(measurements.responses['200'].content).sort()).toEqual([
      'application/json',
      'application/vnd.apache.arrow.stream',
      'application/vnd.apache.parquet',
      'text/csv',
    ]);
    expect(measurements.responses['400'].content['application/problem+json'].schema).toEqual({
      $ref: '#/components/schemas/Problem',
    });
    expect(measurements.responses['400'].description).toContain('MEASUREMENTS_WINDOW_TOO_LARGE');
    const frequency = measurements.parameters.find((p: { name: string }) => p.name === 'frequency');
    expect(frequency.schema.enum).toEqual(['raw', '15m', '1h', '1d', '1w', '1mo', '1y']);
    expect(doc.components.schemas.Problem.required).toEqual(['type', 'title', 'status', 'code']);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/v1/organizations'].get.description).toContain('todas las organizaciones');
  });

  it('serves the docs UI', async () => {
    const h = await harness();
    const res = await h.app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('swagger');
  });
});
