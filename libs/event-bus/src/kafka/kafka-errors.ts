import { BusUnavailableError } from '../event-bus.port.ts';

/**
 * Broker answers that no retry can fix: the records themselves are refused. Everything else
 * (connection refused, timeouts, leader elections, not enough replicas) means "not now" and
 * becomes BusUnavailableError, which HTTP callers turn into 503 + Retry-After.
 * @see https://kafka.apache.org/protocol#protocol_error_codes
 */
const PERMANENT_TYPES = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'INVALID_TOPIC_EXCEPTION',
  'TOPIC_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'INVALID_REQUIRED_ACKS',
  'UNSUPPORTED_VERSION',
]);

/**
 * The protocol error type (e.g. MESSAGE_TOO_LARGE) behind the clients' retry wrappers, if any: kafkajs
 * names it `type` along a `cause` chain; @platformatic/kafka `apiId`, inside the `errors` of its retries.
 */
function protocolType(error: unknown, depth = 0): string | undefined {
  const e = error as { type?: unknown; apiId?: unknown; cause?: unknown; errors?: unknown } | undefined;
  if (!e || typeof e !== 'object' || depth > 5) return undefined;
  if (typeof e.type === 'string') return e.type;
  if (typeof e.apiId === 'string') return e.apiId;
  for (const inner of Array.isArray(e.errors) ? e.errors : []) {
    const type = protocolType(inner, depth + 1);
    if (type && PERMANENT_TYPES.has(type)) return type;
  }
  return protocolType(e.cause, depth + 1);
}

export function toPublishError(error: unknown): Error {
  if (error instanceof BusUnavailableError || error instanceof UnknownTopicError) return error;
  const type = protocolType(error);
  const message = error instanceof Error ? error.message : String(error);
  if (type && PERMANENT_TYPES.has(type))
    return new Error(`Kafka refused the records (${type}): ${message}`, { cause: error });
  return new BusUnavailableError(`Kafka did not acknowledge: ${message}`, { cause: error });
}

export class UnknownTopicError extends Error {
  override name = 'UnknownTopicError';
}
