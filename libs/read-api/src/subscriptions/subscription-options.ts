import type { ChangeLogReader, DeliveryStateStore } from '@medido/catalog';
import type { Resolve, WebhookAllowList } from '@medido/platform';

/** The event bus as subscription commands use it (EventBus of @medido/event-bus satisfies it). */
export interface CommandPublisher {
  publish(topic: string, records: { key: string; value: string; headers?: Record<string, string> }[]): Promise<void>;
}

/** What the subscription routes need beside the read model: where commands go, and the operator's webhook policy. */
export interface SubscriptionsOptions {
  commands: CommandPublisher;
  changeLog: Pick<ChangeLogReader, 'latestCursor'>;
  deliveries: Pick<DeliveryStateStore, 'getDeliveryStates'>;
  /** MEDIDO_WEBHOOK_SIGNING_KEY: secrets are derived from it (libs/platform webhook-secret.ts). */
  signingKey: Buffer;
  allowList: WebhookAllowList;
  resolve?: Resolve;
  /** Live subscriptions per consumer at most (default 100; counted on the read model, so approximate). */
  maxPerConsumer?: number;
  now?: () => number;
}
