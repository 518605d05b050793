import { parseWebhookAllowList, splitList, type Config } from '@medido/platform';
import type { NotifierWorker } from '../notifier-role.plugin.ts';
import { startWebhookDeliverer, type WebhookDelivererOptions } from './webhook-deliverer.ts';

export interface WebhookWorkerOptions {
  /**
   * The catalog store: subscriptions, consumers and installations (grants) and the delivery states. The
   * change log is the one the notifier role starts the worker with, not this store's.
   */
  catalog: WebhookDelivererOptions['catalog'];
  config: Pick<
    Config,
    | 'MEDIDO_WEBHOOK_ALLOW_LIST'
    | 'MEDIDO_WEBHOOK_MAX_ATTEMPTS'
    | 'MEDIDO_WEBHOOK_RETRY_BASE_MS'
    | 'MEDIDO_WEBHOOK_RETRY_MAX_MS'
    | 'MEDIDO_WEBHOOK_TIMEOUT_MS'
  >;
  /** MEDIDO_WEBHOOK_SIGNING_KEY (loadWebhookSigningKey of @medido/auth): the api derives the same secrets from it. */
  signingKey: Buffer;
  onDelivered?: WebhookDelivererOptions['onDelivered'];
}

/**
 * The webhook deliverer as a worker of the notifier role: it runs where the change log's single writer
 * runs (one active notifier), so it is the delivery states' single writer too, and it reads the log
 * through the role's window of what that writer appended.
 */
export function webhookWorker(options: WebhookWorkerOptions): NotifierWorker {
  const { config } = options;
  const allowList = parseWebhookAllowList(splitList(config.MEDIDO_WEBHOOK_ALLOW_LIST));
  return {
    name: 'webhooks',
    async start({ changes, logger }) {
      return startWebhookDeliverer({
        catalog: options.catalog,
        changes,
        signingKey: options.signingKey,
        allowList,
        logger,
        maxAttempts: config.MEDIDO_WEBHOOK_MAX_ATTEMPTS,
        timeoutMs: config.MEDIDO_WEBHOOK_TIMEOUT_MS,
        retry: { baseMs: config.MEDIDO_WEBHOOK_RETRY_BASE_MS, maxMs: config.MEDIDO_WEBHOOK_RETRY_MAX_MS },
        ...(options.onDelivered && { onDelivered: options.onDelivered }),
      });
    },
  };
}
