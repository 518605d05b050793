import { TOPICS } from '@medido/contracts';
import { openProjectionStack, type ProjectionStack } from '@medido/projection/testing/projection-stack';
import { eventRecord, measurementsRecords, registerReadings } from '@medido/projection/testing/readings.fixture';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testClickHouse } from '../../../test/fixtures.ts';
import { loadConfig } from '@medido/platform';
import { buildProjectorApp, type ProjectorApp } from '../src/app.ts';
import { eventually } from '@medido/platform/testing/eventually';

/** The projector role on real services: it projects, and says so on /health and /metrics. */
const METRICS_TOKEN = 'metrics-credential-for-the-test';
let stack: ProjectionStack;
let app: ProjectorApp;
beforeAll(async () => {
  stack = await openProjectionStack({
    brokers: inject('kafkaBrokers'),
    mongoUrl: inject('mongoUrl'),
    clickhouse: testClickHouse(inject('clickhouseUrl')),
    name: 'projector_app',
  });
  const config = loadConfig({}, { MEDIDO_METRICS_TOKEN: METRICS_TOKEN });
  app = await buildProjectorApp({
    bus: stack.bus,
    measurements: stack.measurements,
    catalog: stack.catalog,
    logger: stack.logger,
    config,
  });
});
afterAll(async () => {
  await app?.close();
  await stack?.dispose();
});

/** The value of a Prometheus sample with exactly these labels (in any order), or NaN. */
function metric(text: string, name: string, labels: Record<string, string>): number {
  for (const line of text.split('\n')) {
    const match = /^(\w+)\{(.*)\} (\S+)$/.exec(line);
    if (match?.[1] !== name) continue;
    const found = Object.fromEntries([...match[2]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (JSON.stringify(Object.entries(found).sort()) === JSON.stringify(Object.entries(labels).sort()))
      return Number(match[3]);
  }
  return Number.NaN;
}

describe('projector app', () => {
  it('projects, then reports records, batches, latency, dead letters and a lag of zero', async () => {
    const readings = registerReadings(['m-1', 'm-2'], 0, 300);
    const records = measurementsRecords(readings, 100);
    await stack.bus.publish(TOPICS.measurements, [...records, eventRecord('m-1', 'not json')]);
    await eventually(async () => (await stack.lag()) === 0, 'the projection', 60_000, 100);
    expect((await stack.measurements.lastSeen(['m-1', 'm-2'])).size).toBe(2);

    expect((await app.http.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    expect((await app.http.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
    const topic = { role: 'projector', topic: TOPICS.measurements };
    // The lag gauge is refreshed every few seconds.
    let text = '';
    await eventually(
      async () => {
        text = (
          await app.http.inject({
            method: 'GET',
            url: '/metrics',
            headers: { authorization: `Bearer ${METRICS_TOKEN}` },
          })
        ).body;
        return metric(text, 'medido_consumer_lag_records', topic) === 0;
      },
      'the lag gauge to read 0',
      20_000,
      250,
    );
    expect(metric(text, 'medido_projector_records_total', topic)).toBe(records.length + 1);
    expect(metric(text, 'medido_projection_latency_seconds_count', topic)).toBe(records.length);
    expect(metric(text, 'medido_projector_batch_records_sum', topic)).toBe(records.length + 1);
    expect(metric(text, 'medido_dead_letters_total', { ...topic, code: 'RECORD_NOT_JSON' })).toBe(1);
  });

  it('waits for a dependency that is down at start (live, not ready), then starts without a restart', async () => {
    const catalog = await stack.freshCatalog();
    let refusals = 2;
    const flaky = {
      ...catalog,
      async migrate() {
        if (refusals-- > 0) throw new Error('connect ECONNREFUSED 127.0.0.1:27017');
        await catalog.migrate();
      },
    };
    const logs: Record<string, unknown>[] = [];
    const logger = pino(
      { level: 'warn' },
      {
        write: (line: string) => {
          logs.push(JSON.parse(line) as Record<string, unknown>);
        },
      },
    );
    const waiting = await buildProjectorApp({
      bus: stack.bus,
      measurements: stack.measurements,
      catalog: flaky,
      logger,
    });
    try {
      expect((await waiting.http.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
      const notReady = await waiting.http.inject({ method: 'GET', url: '/health/ready' });
      expect(notReady.statusCode).toBe(503);
      expect(notReady.json().checks).toContainEqual({ name: 'projector', status: 'down', error: 'not consuming yet' });
      expect(await waiting.started).not.toBeNull();
      expect(logs.map((l) => [l.msg, l.attempt])).toEqual([
        ['starting the projector failed; retrying', 1],
        ['starting the projector failed; retrying', 2],
      ]);
      expect((await waiting.http.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
    } finally {
      await waiting.close();
    }
  });

  it('stops retrying when closed before its dependencies came back', async () => {
    const catalog = {
      ...stack.catalog,
      async migrate() {
        throw new Error('connect ECONNREFUSED 127.0.0.1:27017');
      },
    };
    const app = await buildProjectorApp({
      bus: stack.bus,
      measurements: stack.measurements,
      catalog,
      logger: pino({ level: 'silent' }),
    });
    await app.close();
    expect(await app.started).toBeNull();
  });
});
