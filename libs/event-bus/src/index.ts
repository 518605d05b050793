export * from './event-bus.port.ts';
export * from './topic-partitions.ts';
export * from './retry-backoff.ts';
export * from './key-partitioner.ts';
export { KafkaEventBus, type KafkaEventBusOptions } from './kafka/kafka-event-bus.ts';
export { UnknownTopicError } from './kafka/kafka-errors.ts';
export { EmbeddedEventBus, type EmbeddedEventBusOptions } from './embedded/embedded-event-bus.ts';
export type { Durability } from './embedded/sqlite-log.ts';
export { createEventBus } from './create-event-bus.ts';
