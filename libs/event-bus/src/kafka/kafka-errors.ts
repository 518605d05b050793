import { BusUnavailableError } from '../event-bus.port.ts';

/**
 * Broker answers that no retry can fix: the records themselves are refused. Everything else
 * (connection refused, timeouts, leader elections, not enough replicas) means "not now" and
 * becomes BusUnavailableError, which HTTP callers turn into 503 + Retry-After.
 * @see https://kafka.apache.org/protocol#protocol_error_codes
 */
const PERMANENT_TYPES = new Set([
  'MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD', 'CORRUPT_MESSAGE', 'INVALID_TOPIC_EXCEPTION',
  'TOPIC_AUTHORIZATION_FAILED', 'CLUSTER_AUTHORIZATION_FAILED', 'INVALID_REQUIRED_ACKS', 'UNSUPPORTED_VERSION',
]);

/** The protocol error type (e.g. MESSAGE_TOO_LARGE) behind kafkajs' retry wrappers, if any. */
function protocolType(error: unknown): string | undefined {
  for (let e = error as { type?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.type === 'string') return e.type;
  }
  return undefined;
}

export function toPublishError(error: unknown): Error {
  if (error instanceof BusUnavailableError || error instanceof UnknownTopicError) return error;
  const type = protocolType(error);
  const message = error instanceof Error ? error.message : String(error);
  if (type && PERMANENT_TYPES.has(type)) return new Error(`Kafka refused the records (${type}): ${message}`, { cause: error });
  return new BusUnavailableError(`Kafka did not acknowledge: ${message}`, { cause: error });
}

export class UnknownTopicError extends Error {
  override name = 'UnknownTopicError';
}
