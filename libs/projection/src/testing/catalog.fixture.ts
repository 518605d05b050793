import {
  catalogAggregateId,
  topicOf,
  type CatalogEvent,
  type ConsumerEvent,
  type SubscriptionEvent,
} from '@medido/contracts';
import type { EventBus } from '@medido/event-bus';
import { eventRecord } from './readings.fixture.ts';

/** Publishes catalog and consumer events in the given order, each on its topic with the ingestor's key. */
export async function publishCatalogEvents(
  bus: EventBus,
  events: (CatalogEvent | ConsumerEvent | SubscriptionEvent)[],
): Promise<void> {
  for (const event of events) {
    const key =
      event.type.startsWith('ApiConsumer') || event.type.startsWith('Subscription')
        ? (event.data as { consumerId: string }).consumerId
        : catalogAggregateId(event.type as CatalogEvent['type'], event.data as Record<string, unknown>);
    // One publish per event keeps the given order even across topics (publishes are not reordered).
    await bus.publish(topicOf(event.type), [eventRecord(key, event, event.type)]);
  }
}
