import swagger from '@fastify/swagger';
import Fastify from 'fastify';
import { Credentials, ingestorPlugin } from '@medido/ingest';
import { problemHandler } from '@medido/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIngestorApp } from '../src/app.ts';
import { ADMIN_TOKEN, INGEST_TOKEN, auth, embeddedBus, testConfig } from './ingestor-fixtures.ts';

let bus: Awaited<ReturnType<typeof embeddedBus>>;
beforeAll(async () => {
  bus = await embeddedBus();
});
afterAll(async () => {
  await bus.dispose();
});

describe('ingestor OpenAPI document and health', () => {
  it('documents every ingestor route with its schemas, and serves the docs UI', async () => {
    const app = buildIngestorApp({ config: testConfig(), bus: bus.bus });
    const doc = (await app.inject({ method: 'GET', url: '/ingestor/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/v1/admin/consumers',
      '/v1/admin/consumers/{consumerId}/disable',
      '/v1/admin/consumers/{consumerId}/enable',
      '/v1/admin/consumers/{consumerId}/grants',
      '/v1/ingest/catalog',
      '/v1/ingest/measurements',
    ]);
    const ingest = doc.paths['/v1/ingest/measurements'].post;
    expect(Object.keys(ingest.requestBody.content).sort()).toEqual([
      'application/cloudevents+json',
      'application/cloudevents-batch+json',
      'application/json',
      'application/x-ndjson',
    ]);
    expect(ingest.requestBody.content['application/cloudevents+json'].schema).toEqual({
      $ref: '#/components/schemas/MeasurementsCloudEvent',
    });
    expect(JSON.stringify(doc.components.schemas.MeasurementsCloudEvent.properties.type)).toContain(
      'MeasurementsRecorded',
    );
    // Named components, referenced: generators name the types after them.
    expect(ingest.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/IngestMeasurementsBody',
    });
    expect(doc.components.schemas.IngestMeasurementsBody.properties.readings.items).toEqual({
      $ref: '#/components/schemas/IngestReading',
    });
    expect(doc.components.schemas.IngestReading.required).toEqual(['deviceId', 'variable', 'ts', 'value']);
    expect(ingest.responses['202'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/IngestAnswer',
    });
    expect(Object.keys(ingest.responses).sort()).toEqual(['202', '400', '401', '403', '413', '415', '503']);
    expect(ingest.responses['503'].content['application/problem+json'].schema).toEqual({
      $ref: '#/components/schemas/Problem',
    });
    expect(doc.components.schemas.Problem.required).toContain('code');
    expect(ingest.security).toEqual([{ ingestCredential: [] }]);
    expect(doc.paths['/v1/admin/consumers'].post.security).toEqual([{ adminCredential: [] }]);
    const ui = await app.inject({ method: 'GET', url: '/ingestor/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
    // The same health routes as every role (libs/platform/src/health.ts).
    expect((await app.inject({ method: 'GET', url: '/health/live' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ method: 'GET', url: '/health/ready' })).json()).toEqual({
      status: 'ok',
      checks: [{ name: 'event-bus', status: 'ok' }],
    });
    await app.close();
  });

  it('shares one Fastify instance with another documented plugin without mixing the documents', async () => {
    const app = Fastify();
    await app.register(problemHandler);
    await app.register(async (api) => {
      await api.register(swagger, { openapi: { info: { title: 'api', version: '1' } } });
      api.get('/v1/organizations', async () => []);
      api.get('/openapi.json', { schema: { hide: true } }, async () => api.swagger());
    });
    const credentials = Credentials.fromLists({ ingest: INGEST_TOKEN, admin: ADMIN_TOKEN });
    await app.register(ingestorPlugin, {
      bus: bus.bus,
      credentials,
      maxBodyBytes: 1 << 20,
      docsPrefix: '/ingest-docs',
    });
    expect(Object.keys((await app.inject({ url: '/openapi.json' })).json().paths)).toEqual(['/v1/organizations']);
    expect(Object.keys((await app.inject({ url: '/ingest-docs/openapi.json' })).json().paths)).toContain(
      '/v1/ingest/measurements',
    );
    const text = await app.inject({
      method: 'POST',
      url: '/v1/ingest/measurements',
      payload: 'x',
      headers: { ...auth(INGEST_TOKEN), 'content-type': 'text/plain' },
    });
    expect(text.json().code).toBe('MEDIA_TYPE_UNSUPPORTED');
    await app.close();
  });
});
