import { randomUUID } from 'node:crypto';
import {
  CLOUDEVENTS_CONTENT_TYPE,
  dataSchemaUrn,
  EVENT_SOURCES,
  HEADERS,
  TOPICS,
  type EventDataOf,
  type SubscriptionEventType,
} from '@medido/contracts';
import { isBusUnavailable } from '@medido/event-bus';
import { MedidoError } from '@medido/platform';
import type { CommandPublisher } from './subscription-options.ts';

const RETRY_AFTER_SECONDS = '5';

/**
 * Publishes one subscription event on the consumers topic, keyed by the consumer (its subscription
 * commands stay in order), and returns only once the broker acknowledged it: the 202 means stored.
 * An unavailable bus answers 503 EVENT_BUS_UNAVAILABLE with Retry-After, as the ingestor does.
 */
export async function publishSubscriptionEvent<T extends SubscriptionEventType>(
  bus: CommandPublisher,
  type: T,
  data: EventDataOf<T> & { consumerId: string; subscriptionId: string },
  requestId: string,
  now: number,
): Promise<string> {
  const id = randomUUID();
  const event = {
    specversion: '1.0',
    id,
    source: EVENT_SOURCES.api,
    type,
    time: new Date(now).toISOString(),
    subject: data.subscriptionId,
    datacontenttype: 'application/json',
    dataschema: dataSchemaUrn(type),
    data,
  };
  const headers = {
    [HEADERS.contentType]: CLOUDEVENTS_CONTENT_TYPE,
    [HEADERS.eventType]: type,
    [HEADERS.requestId]: requestId,
  };
  try {
    await bus.publish(TOPICS.consumers, [{ key: data.consumerId, value: JSON.stringify(event), headers }]);
  } catch (error) {
    if (!isBusUnavailable(error)) throw error;
    throw new MedidoError('EVENT_BUS_UNAVAILABLE', 'nothing was accepted; retry later', {
      headers: { 'retry-after': RETRY_AFTER_SECONDS },
      cause: error,
    });
  }
  return id;
}
