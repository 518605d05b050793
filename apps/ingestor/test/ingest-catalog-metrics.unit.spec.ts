import { createMetrics } from '@medido/platform';
import { afterEach, describe, expect, it } from 'vitest';
import { buildIngestorApp } from '../src/app.ts';
import { auth, embeddedBus, INGEST_TOKEN, testConfig } from './ingestor-fixtures.ts';

/** Issue 17 §9: a refused catalog event was not counted in medido_ingest_rejected_total. */
describe('ingestor metrics for catalog events', () => {
  let dispose: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await dispose?.();
  });

  it('counts rejected catalog events by code, and does not count accepted ones as readings', async () => {
    const env = await embeddedBus();
    const metrics = createMetrics('ingestor');
    const app = buildIngestorApp({ config: testConfig(), bus: env.bus, metrics });
    dispose = async () => {
      await app.close();
      await env.dispose();
    };
    const answer = await app.inject({
      method: 'POST',
      url: '/v1/ingest/catalog',
      headers: auth(INGEST_TOKEN),
      payload: {
        events: [
          { type: 'OrganizationRegistered', data: { organizationId: 'org-m', name: 'Org', visibility: 'public' } },
          { type: 'MeterExploded', data: {} },
          { type: 'DeviceStatusChanged', data: { deviceId: 'dev-1', status: 'exploded' } },
          { type: 'DeviceStatusChanged', data: { deviceId: 'dev-1', status: 'exploded' } },
        ],
      },
    });
    expect(answer.json()).toMatchObject({
      accepted: 1,
      rejected: [{ code: 'EVENT_TYPE_UNKNOWN' }, { code: 'EVENT_DATA_INVALID' }, { code: 'EVENT_DATA_INVALID' }],
    });

    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^medido_ingest_rejected_total\{code="EVENT_TYPE_UNKNOWN",role="ingestor"\} 1$/m);
    expect(text).toMatch(/^medido_ingest_rejected_total\{code="EVENT_DATA_INVALID",role="ingestor"\} 2$/m);
    expect(text).toMatch(/^medido_ingest_readings_total\{role="ingestor"\} 0$/m);
  });
});
