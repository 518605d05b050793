import { describe, expect, it } from 'vitest';
import type { CatalogStore } from '../catalog-store.port.ts';
import type { DeliveryState } from '../webhook-delivery.port.ts';
import { duplicated, event, minute, shuffled } from './catalog-events.fixture.ts';

const created = (subscriptionId: string, consumerId: string, at: number, extra: Record<string, unknown> = {}) =>
  event(
    'SubscriptionCreated',
    {
      subscriptionId,
      consumerId,
      installationId: 'inst-1',
      webhookUrl: `https://hooks.example.com/${subscriptionId}`,
      ...extra,
    },
    at,
  );

/** Webhook subscriptions (projected like every catalog document) and the deliverer's own state. */
export function describeSubscriptionsContract(fresh: () => Promise<CatalogStore>): void {
  describe('subscriptions', () => {
    it("lists a consumer's live subscriptions in id order, with their scope", async () => {
      const store = await fresh();
      await store.apply(
        created('sub-b', 'c-1', 1, {
          unitId: 'u-1',
          variables: ['active_energy_import'],
          types: ['bucket.changed'],
          startAfter: '0000000000000007',
        }),
      );
      await store.apply(created('sub-a', 'c-1', 2, { deviceIds: ['m-1', 'm-2'] }));
      await store.apply(created('sub-c', 'c-2', 3));
      const page = await store.listSubscriptions({ consumerId: 'c-1' }, { limit: 10 });
      expect(page.items.map((s) => s.subscriptionId)).toEqual(['sub-a', 'sub-b']);
      expect(page.items[1]).toEqual({
        subscriptionId: 'sub-b',
        consumerId: 'c-1',
        installationId: 'inst-1',
        unitId: 'u-1',
        deviceIds: null,
        variables: ['active_energy_import'],
        types: ['bucket.changed'],
        webhookUrl: 'https://hooks.example.com/sub-b',
        startAfter: '0000000000000007',
        createdAt: minute(1),
        resumedBy: null,
      });
      expect((await store.listSubscriptions({}, { limit: 2 })).next).toBe('sub-b');
    });

    it('a deletion is final whatever the order; a resume is recorded once', async () => {
      const history = [
        created('sub-1', 'c-1', 1),
        event('SubscriptionResumed', { subscriptionId: 'sub-1', consumerId: 'c-1' }, 2),
        created('sub-2', 'c-1', 1),
        event('SubscriptionResumed', { subscriptionId: 'sub-2', consumerId: 'c-1' }, 3),
        event('SubscriptionDeleted', { subscriptionId: 'sub-1', consumerId: 'c-1' }, 4),
      ];
      const outcomes = new Set<string>();
      for (const order of [history, [...history].reverse(), shuffled(history, 7), duplicated(history, 8)]) {
        const store = await fresh();
        for (const e of order) await store.apply(e);
        expect(await store.getSubscription('sub-1')).toBeNull();
        outcomes.add(JSON.stringify(await store.listSubscriptions({ consumerId: 'c-1' }, { limit: 10 })));
      }
      expect(outcomes.size).toBe(1);
      const [only] = [...outcomes].map(
        (o) => JSON.parse(o) as { items: { subscriptionId: string; resumedBy: string }[] },
      );
      expect(only!.items.map((s) => s.subscriptionId)).toEqual(['sub-2']);
      expect(only!.items[0]!.resumedBy).toContain(minute(3));
    });

    it("keeps the deliverer's state per subscription, replaced whole", async () => {
      const store = await fresh();
      const state: DeliveryState = {
        subscriptionId: 'sub-1',
        status: 'failing',
        deliveredCursor: '0000000000000003',
        attempts: 5,
        lastError: 'HTTP 500',
        failingSince: minute(1),
        lastAttemptAt: minute(2),
        lastDeliveredAt: null,
        resumedBy: null,
      };
      await store.saveDeliveryState(state);
      await store.saveDeliveryState({ ...state, status: 'active', attempts: 0 });
      expect(await store.getDeliveryStates(['sub-1', 'sub-x'])).toEqual(
        new Map([['sub-1', { ...state, status: 'active', attempts: 0 }]]),
      );
      expect(await store.getDeliveryStates([])).toEqual(new Map());
    });
  });
}
