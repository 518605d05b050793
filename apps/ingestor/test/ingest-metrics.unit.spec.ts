import { afterEach, describe, expect, it } from 'vitest';
import { buildIngestorApp } from '../src/app.ts';
import { auth, embeddedBus, INGEST_TOKEN, reading, testConfig } from './ingestor-fixtures.ts';

const METRICS_TOKEN = 'metrics-credential-for-the-test';

describe('ingestor metrics', () => {
  let dispose: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await dispose?.();
  });

  it('counts accepted readings and rejected items by code on /metrics', async () => {
    const env = await embeddedBus();
    dispose = env.dispose;
    const app = buildIngestorApp({ config: testConfig({ MEDIDO_METRICS_TOKEN: METRICS_TOKEN }), bus: env.bus });
    const answer = await app.inject({
      method: 'POST',
      url: '/v1/ingest/measurements',
      headers: auth(INGEST_TOKEN),
      payload: { readings: [reading(), reading({ ts: '2026-04-04T03:15:00.000Z' }), reading({ value: 'NaN' })] },
    });
    expect(answer.statusCode).toBe(202);

    const metrics = (await app.inject({ method: 'GET', url: '/metrics', headers: auth(METRICS_TOKEN) })).body;
    expect(metrics).toMatch(/^medido_ingest_readings_total\{role="ingestor"\} 2$/m);
    expect(metrics).toMatch(/^medido_ingest_rejected_total\{code="READING_INVALID",role="ingestor"\} 1$/m);
    expect(metrics).toMatch(
      /^medido_http_request_duration_seconds_count\{role="ingestor",method="POST",route="\/v1\/ingest\/measurements",status="202"\} 1$/m,
    );
    await app.close();
  });
});
