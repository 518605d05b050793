import Type from 'typebox';
import { AccessEventData } from './access-events.ts';
import { CatalogEventData, type CatalogEventType } from './catalog-events.ts';
import { ConsumerEventData, type ConsumerEventType } from './consumer-events.ts';
import type { CloudEventEnvelope } from './envelope.ts';
import { MeasurementsRecordedData } from './readings.ts';
import { SubscriptionEventData, type SubscriptionEventType } from './subscription-events.ts';
import { TOPICS, type TopicName } from './topics.ts';

/** Every event Medido knows: CloudEvents `type` → schema of `data`. */
export const EventData = {
  ...CatalogEventData,
  ...ConsumerEventData,
  ...AccessEventData,
  ...SubscriptionEventData,
  MeasurementsRecorded: MeasurementsRecordedData,
} as const;

export type EventType = keyof typeof EventData;
export const EVENT_TYPES = Object.keys(EventData) as EventType[];
export type EventDataOf<T extends EventType> = Type.Static<(typeof EventData)[T]>;

/** A validated event: the envelope with `type` narrowed and `data` typed. Switch on `type`. */
export type MedidoEvent = {
  [T in EventType]: Omit<CloudEventEnvelope, 'type' | 'data'> & { type: T; data: EventDataOf<T> };
}[EventType];
export type CatalogEvent = Extract<MedidoEvent, { type: CatalogEventType }>;
export type ConsumerEvent = Extract<MedidoEvent, { type: ConsumerEventType }>;
export type MeasurementsRecorded = Extract<MedidoEvent, { type: 'MeasurementsRecorded' }>;
export type SubscriptionEvent = Extract<MedidoEvent, { type: SubscriptionEventType }>;
export type ApiReadAnswered = Extract<MedidoEvent, { type: 'ApiReadAnswered' }>;

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(EventData, type);
}

/** The topic each event type travels on. */
export function topicOf(type: EventType): TopicName {
  if (type === 'MeasurementsRecorded') return TOPICS.measurements;
  // Subscriptions belong to a consumer: keyed by consumerId, they stay in order with its other events.
  if (Object.hasOwn(ConsumerEventData, type) || Object.hasOwn(SubscriptionEventData, type)) return TOPICS.consumers;
  if (Object.hasOwn(AccessEventData, type)) return TOPICS.access;
  return TOPICS.catalog;
}
