import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIngestorApp } from '../src/app.ts';
import { ADMIN_TOKEN, INGEST_TOKEN, embeddedBus, reading, testConfig } from './ingestor-fixtures.ts';

const OLD_INGEST = randomBytes(32).toString('base64url');
const EXPIRED_INGEST = randomBytes(32).toString('base64url');
let app: FastifyInstance;
let bus: Awaited<ReturnType<typeof embeddedBus>>;
beforeAll(async () => {
  bus = await embeddedBus();
  const config = testConfig({
    MEDIDO_INGEST_TOKENS: `${INGEST_TOKEN},${OLD_INGEST}@2099-01-01T00:00:00Z,${EXPIRED_INGEST}@2026-01-01T00:00:00Z`,
  });
  app = buildIngestorApp({ config, bus: bus.bus, now: () => Date.parse('2026-04-04T12:00:00Z') });
});
afterAll(async () => {
  await app.close();
  await bus.dispose();
});

const measurements = (authorization?: string) =>
  app.inject({
    method: 'POST',
    url: '/v1/ingest/measurements',
    payload: { readings: [reading()] },
    headers: authorization === undefined ? {} : { authorization },
  });
const createConsumer = (authorization: string) =>
  app.inject({
    method: 'POST',
    url: '/v1/admin/consumers',
    payload: { name: 'X', email: 'x@example.cl', subject: 's' },
    headers: { authorization },
  });

describe('ingestor credentials', () => {
  it.each([
    ['no Authorization header', undefined, 401, 'AUTH_TOKEN_MISSING'],
    ['another scheme', `Basic ${Buffer.from('a:b').toString('base64')}`, 401, 'AUTH_CREDENTIAL_INVALID'],
    ['an unknown credential', `Bearer ${randomBytes(32).toString('base64url')}`, 401, 'AUTH_CREDENTIAL_INVALID'],
    ['a credential past its expiry', `Bearer ${EXPIRED_INGEST}`, 401, 'AUTH_TOKEN_EXPIRED'],
    ['an admin credential', `Bearer ${ADMIN_TOKEN}`, 403, 'AUTH_FORBIDDEN'],
  ])('refuses ingest with %s', async (_case, authorization, status, code) => {
    const res = await measurements(authorization);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status, code });
    if (status === 401) expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="medido-ingestor"/);
  });

  it('accepts the current credential and the old one during its rotation window', async () => {
    expect((await measurements(`Bearer ${INGEST_TOKEN}`)).statusCode).toBe(202);
    expect((await measurements(`bearer ${OLD_INGEST}`)).statusCode).toBe(202);
  });

  it('refuses an admin command with an ingest credential, and accepts it with an admin one', async () => {
    const res = await createConsumer(`Bearer ${INGEST_TOKEN}`);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      code: 'AUTH_FORBIDDEN',
      detail: 'this route needs an admin credential; an ingest credential was sent',
    });
    expect((await createConsumer(`Bearer ${ADMIN_TOKEN}`)).statusCode).toBe(202);
  });

  it('checks the credential before reading the body', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/ingest/measurements',
      payload: '{not json',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.json().code).toBe('AUTH_TOKEN_MISSING');
  });

  it('refuses to start with a short, duplicated or undated credential', () => {
    expect(() => buildIngestorApp({ config: testConfig({ MEDIDO_INGEST_TOKENS: 'short' }), bus: bus.bus })).toThrow(
      /shorter than 32/,
    );
    expect(() => buildIngestorApp({ config: testConfig({ MEDIDO_ADMIN_TOKENS: INGEST_TOKEN }), bus: bus.bus })).toThrow(
      /listed twice/,
    );
    expect(() =>
      buildIngestorApp({ config: testConfig({ MEDIDO_ADMIN_TOKENS: `${ADMIN_TOKEN}@soon` }), bus: bus.bus }),
    ).toThrow(/unreadable expiry/);
  });
});
