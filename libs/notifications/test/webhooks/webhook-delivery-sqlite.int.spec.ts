import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteCatalogStore, type CatalogStore, type ChangeRecord } from '@medido/catalog';
import { event } from '@medido/catalog/testing/catalog-events.fixture';
import { installation, organization } from '@medido/catalog/testing/catalog-history.fixture';
import { parseWebhookAllowList, subscriptionSecret } from '@medido/platform';
import { eventually } from '@medido/platform/testing/eventually';
import type { WebhookDeliverer } from '../../src/webhooks/webhook-deliverer.ts';
import { quickDeliverer } from './quick-deliverer.ts';
import { startReceiver, verifyStandardWebhook } from './receiver.ts';

/**
 * The embedded default's adapter: the deliverer on the node:sqlite catalog store (subscriptions, change
 * log, delivery states in one file), a receiver on loopback, and a restart in the middle: what was
 * acknowledged is not sent again, what was not is sent with the same webhook-id.
 */
const KEY = Buffer.from('sqlite operator key of at least thirty-two characters');

describe('webhooks on the embedded catalog store (node:sqlite)', () => {
  let dir: string;
  let catalog: CatalogStore;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let healthy = true;
  const start = (): WebhookDeliverer =>
    quickDeliverer({
      catalog,
      signingKey: KEY,
      allowList: parseWebhookAllowList(['127.0.0.0/8']),
      maxAttempts: 50,
      pollMs: 20,
    });
  const change = (n: number): Omit<ChangeRecord, 'cursor'> =>
    ({
      id: `sqlite-change-${n}`,
      type: 'measurements.available',
      occurredAt: '2026-04-07T10:00:00.000Z',
      organizationId: 'org-1',
      installationId: 'inst-1',
      unitId: 'u-1',
      deviceIds: ['m-1'],
      data: {
        deviceId: 'm-1',
        variables: ['active_energy_import'],
        from: '2026-04-07T09:00:00.000Z',
        to: '2026-04-07T09:15:00.000Z',
        readings: n,
      },
    }) as Omit<ChangeRecord, 'cursor'>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'medido-webhooks-'));
    catalog = createSqliteCatalogStore({ path: join(dir, 'catalog.sqlite') });
    receiver = await startReceiver(() => (healthy ? 204 : 500));
    for (const e of [
      organization('org-1', 'public'),
      installation('inst-1', 'org-1'),
      event(
        'ApiConsumerCreated',
        { consumerId: 'c-1', name: 'C', email: 'c@example.com', subject: 's-1', grants: [] },
        3,
      ),
      event(
        'SubscriptionCreated',
        {
          subscriptionId: 'sub-1',
          consumerId: 'c-1',
          unitId: 'u-1',
          installationId: 'inst-1',
          webhookUrl: receiver.url,
        },
        4,
      ),
    ])
      await catalog.apply(e);
  });
  afterAll(async () => {
    await receiver?.close();
    await catalog?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers in order across a restart: acknowledged changes once, the rest with the same ids', async () => {
    const first = await catalog.appendChanges([change(1), change(2)]);
    let deliverer = start();
    await eventually(
      async () => (await catalog.getDeliveryStates(['sub-1'])).get('sub-1')?.deliveredCursor === first[1]!.cursor,
      'the first two changes acknowledged',
      10_000,
    );
    healthy = false;
    const rest = await catalog.appendChanges([change(3), change(4)]);
    await eventually(() => receiver.received.length >= 4, 'the third change refused once', 10_000, 20);
    await deliverer.stop();

    healthy = true;
    deliverer = start();
    await eventually(
      async () => (await catalog.getDeliveryStates(['sub-1'])).get('sub-1')?.deliveredCursor === rest[1]!.cursor,
      'the rest acknowledged after the restart',
      10_000,
    );
    await deliverer.stop();
    const ids = receiver.received.map((r) => String(r.headers['webhook-id']));
    // Each acknowledged change was sent once; the unacknowledged one again (same id) until it passed; order kept.
    expect(ids.filter((id) => id === first[0]!.id)).toHaveLength(1);
    expect(ids.filter((id) => id === first[1]!.id)).toHaveLength(1);
    expect([...new Set(ids)]).toEqual([...first, ...rest].map((c) => c.id));
    for (const r of receiver.received) expect(verifyStandardWebhook(subscriptionSecret(KEY, 'sub-1'), r)).toBe(true);
  });
});
