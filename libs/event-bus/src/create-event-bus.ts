import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { splitList, type Config } from '@medido/platform';
import { EmbeddedEventBus } from './embedded/embedded-event-bus.ts';
import type { EventBus } from './event-bus.port.ts';
import { KafkaEventBus } from './kafka/kafka-event-bus.ts';

/**
 * The bus a process gets from its configuration: Kafka when MEDIDO_KAFKA_BROKERS is set, else the
 * embedded log at `<MEDIDO_DATA_DIR>/bus.sqlite` (only meaningful when every role runs in this process).
 */
export function createEventBus(config: Config, options: { role: string; logger?: Logger }): EventBus {
  const brokers = splitList(config.MEDIDO_KAFKA_BROKERS);
  if (brokers.length > 0) {
    return new KafkaEventBus({
      brokers,
      clientId: `${config.MEDIDO_KAFKA_CLIENT_ID}-${options.role}`,
      topicPrefix: config.MEDIDO_KAFKA_TOPIC_PREFIX,
      ackTimeoutMs: config.MEDIDO_KAFKA_ACK_TIMEOUT_MS,
      sessionTimeoutMs: config.MEDIDO_KAFKA_SESSION_TIMEOUT_MS,
      ...(options.logger ? { logger: options.logger } : {}),
    });
  }
  mkdirSync(config.MEDIDO_DATA_DIR, { recursive: true });
  return new EmbeddedEventBus({ path: join(config.MEDIDO_DATA_DIR, 'bus.sqlite') });
}
