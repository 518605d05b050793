import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { event } from '@medido/catalog/testing/catalog-events.fixture';
import { apiConsumer, meteredInstallation, organization } from '@medido/catalog/testing/catalog-history.fixture';
import { TOPICS } from '@medido/contracts';
import { createHttpApp, createMetrics, loadConfig, subscriptionSecret } from '@medido/platform';
import { eventually } from '@medido/platform/testing/eventually';
import type { Projector } from '@medido/projection';
import { ENERGY, measurementsRecords } from '@medido/projection/testing/readings.fixture';
import type { ProjectionStack } from '@medido/projection/testing/projection-stack';
import { stackOnTestServices } from '../../../read-api/test/support/stack-api.ts';
import { notifierRole } from '../../src/notifier-role.plugin.ts';
import { webhookWorker } from '../../src/webhooks/webhook-worker.ts';
import { startReceiver, verifyStandardWebhook } from './receiver.ts';

/**
 * The deliverer as the notifier role's worker, on real Kafka, chDB and FerretDB: readings published to
 * the measurements topic become changes in the log (the notifier), and those become signed webhooks at
 * a receiver on loopback, admitted by the operator's allow-list from the configuration.
 */
const KEY = Buffer.from('notifier-role operator key of thirty-two characters');
const Q = 15 * 60_000;
const D = Date.parse('2026-04-07T00:00:00Z');

describe('webhooks from readings, through the notifier role', () => {
  let stack: ProjectionStack;
  let projector: Projector;
  let host: FastifyInstance;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    stack = await stackOnTestServices('hookrole');
    receiver = await startReceiver();
    for (const e of [
      organization('org-1', 'private'),
      ...meteredInstallation('inst-1', 'org-1', ['m-1', 'm-2']),
      apiConsumer('c-1', ['org-1']),
      event(
        'SubscriptionCreated',
        {
          subscriptionId: 'sub-m2',
          consumerId: 'c-1',
          installationId: 'inst-1',
          deviceIds: ['m-2'],
          webhookUrl: receiver.url,
        },
        5,
      ),
    ])
      await stack.catalog.apply(e);
    projector = await stack.startProjector();
    const config = loadConfig(
      {},
      { MEDIDO_WEBHOOK_ALLOW_LIST: '127.0.0.1', MEDIDO_WEBHOOK_RETRY_BASE_MS: 50, LOG_LEVEL: 'silent' },
    );
    const metrics = createMetrics('notifier');
    const logger = pino({ level: 'silent' });
    host = createHttpApp({ config, metrics, logger });
    await host.register(notifierRole, {
      bus: stack.bus,
      catalog: stack.catalog,
      measurements: stack.measurements,
      logger,
      metrics,
      workers: [webhookWorker({ catalog: stack.catalog, config, signingKey: KEY })],
    });
    await host.ready();
  });
  afterAll(async () => {
    await host?.close();
    await receiver?.close();
    await projector?.stop();
    await stack?.dispose();
  });

  it("POSTs the subscribed meter's new readings, signed, and nothing of the other meter", async () => {
    const readings = ['m-1', 'm-2'].flatMap((deviceId) =>
      Array.from({ length: 8 }, (_, i) => ({ deviceId, variable: ENERGY, ts: D + i * Q, value: i })),
    );
    await stack.bus.publish(TOPICS.measurements, measurementsRecords(readings, 4));
    await eventually(
      () =>
        receiver.received.some(
          (r) =>
            (JSON.parse(r.body) as { data: { data: { to?: string } } }).data.data.to ===
            new Date(D + 7 * Q + 1).toISOString(),
        ),
      "the webhook for the meter's last reading",
      60_000,
    );
    const bodies = receiver.received.map(
      (r) => JSON.parse(r.body) as { type: string; data: { type: string; data: { deviceId?: string } } },
    );
    expect(bodies.every((b) => b.type === b.data.type)).toBe(true);
    expect(bodies.filter((b) => b.type === 'measurements.available').map((b) => b.data.data.deviceId)).toEqual(
      bodies.filter((b) => b.type === 'measurements.available').map(() => 'm-2'),
    );
    for (const r of receiver.received) expect(verifyStandardWebhook(subscriptionSecret(KEY, 'sub-m2'), r)).toBe(true);
    expect(JSON.stringify((await host.inject({ url: '/health/ready' })).json())).toContain('webhooks');
  });
});
