import type { ChangeRecord } from '@medido/catalog';
import type { ChangeEvent } from '@medido/contracts';

/** The body of a webhook (Standard Webhooks payload shape): the event type, when it occurred, and the change itself. */
export interface WebhookPayload {
  type: ChangeEvent['type'];
  timestamp: string;
  data: ChangeEvent;
}

/**
 * The JSON body of one change, the same bytes on every attempt (only the timestamp header and the
 * signature change). The log's `deviceIds` index column is not part of the public event.
 */
export function webhookBody(change: ChangeRecord): string {
  const { deviceIds: _index, ...event } = change;
  const payload: WebhookPayload = { type: event.type, timestamp: event.occurredAt, data: event };
  return JSON.stringify(payload);
}
