import type {
  ApiConsumer,
  ChangeLogReader,
  ChangeRecord,
  DeliveryState,
  Installation,
  Organization,
  Subscription,
} from '@medido/catalog';
import type { WebhookDelivererOptions } from '../../src/webhooks/webhook-deliverer.ts';

type NewChange = Omit<ChangeRecord, 'cursor'>;

/**
 * An in-memory fake of the ports the deliverer reads (catalog, change log, delivery states), for unit
 * tests only; the integration tests run the deliverer on the real adapters.
 */
export function fakeWebhookCatalog() {
  const organizations = new Map<string, Organization>([
    ['org-1', { organizationId: 'org-1', name: 'Org', visibility: 'private' }],
  ]);
  const installations = new Map<string, Installation>([
    [
      'inst-1',
      {
        installationId: 'inst-1',
        organizationId: 'org-1',
        name: 'I',
        timezone: 'UTC',
        address: null,
        units: [{ unitId: 'u-1', name: 'U' }],
      },
    ],
  ]);
  const consumers = new Map<string, ApiConsumer>([
    [
      'c-1',
      {
        consumerId: 'c-1',
        name: 'C',
        email: 'c@example.com',
        subject: 's',
        grants: ['org-1'],
        expiresAt: null,
        disabled: false,
        disabledAt: null,
        disabledReason: null,
      },
    ],
  ]);
  const subscriptions = new Map<string, Subscription>();
  const log: ChangeRecord[] = [];
  const states = new Map<string, DeliveryState>();
  const cursor = (n: number) => String(n).padStart(16, '0');

  const catalog: WebhookDelivererOptions['catalog'] & ChangeLogReader = {
    async listSubscriptions(_filter, page) {
      const items = [...subscriptions.values()]
        .sort((a, b) => (a.subscriptionId < b.subscriptionId ? -1 : 1))
        .filter((s) => !page.after || s.subscriptionId > page.after);
      return {
        items: items.slice(0, page.limit),
        next: items.length > page.limit ? items[page.limit - 1]!.subscriptionId : null,
      };
    },
    getConsumer: async (id) => consumers.get(id) ?? null,
    getInstallation: async (id) => installations.get(id) ?? null,
    getOrganization: async (id) => organizations.get(id) ?? null,
    async changesAfter(filter, after, limit) {
      return log
        .filter(
          (c) =>
            (after === undefined || c.cursor > after) &&
            (!filter.organizationIds || filter.organizationIds.includes(c.organizationId)) &&
            (!filter.installationIds || filter.installationIds.includes(c.installationId)) &&
            (filter.unitId === undefined || c.unitId === filter.unitId) &&
            (!filter.deviceIds || c.deviceIds.some((d) => filter.deviceIds!.includes(d))) &&
            (!filter.types || filter.types.includes(c.type)),
        )
        .slice(0, limit);
    },
    latestCursor: async () => log.at(-1)?.cursor ?? null,
    async getDeliveryStates(ids) {
      return new Map(ids.flatMap((id) => (states.has(id) ? [[id, structuredClone(states.get(id)!)] as const] : [])));
    },
    async saveDeliveryState(state) {
      states.set(state.subscriptionId, structuredClone(state));
    },
  };

  return {
    catalog,
    organizations,
    consumers,
    subscriptions,
    states,
    subscribe(subscriptionId: string, webhookUrl: string, extra: Partial<Subscription> = {}) {
      subscriptions.set(subscriptionId, {
        subscriptionId,
        consumerId: 'c-1',
        installationId: 'inst-1',
        unitId: null,
        deviceIds: null,
        variables: null,
        types: null,
        webhookUrl,
        startAfter: log.at(-1)?.cursor ?? null,
        createdAt: new Date().toISOString(),
        resumedBy: null,
        ...extra,
      });
    },
    append(deviceId: string, variable = 'active_energy_import', at = log.length): ChangeRecord {
      const record = {
        id: `chg-${log.length + 1}`,
        cursor: cursor(log.length + 1),
        type: 'measurements.available',
        occurredAt: new Date(Date.UTC(2026, 3, 7, 10, at)).toISOString(),
        organizationId: 'org-1',
        installationId: 'inst-1',
        unitId: 'u-1',
        deviceIds: [deviceId],
        data: {
          deviceId,
          variables: [variable],
          from: '2026-04-07T09:00:00.000Z',
          to: '2026-04-07T09:15:00.001Z',
          readings: 1,
        },
      } as ChangeRecord satisfies NewChange;
      log.push(record);
      return record;
    },
  };
}
