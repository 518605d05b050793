import type { ChangeLogReader } from '@medido/catalog';
import { pino } from 'pino';
import {
  startWebhookDeliverer,
  type WebhookDeliverer,
  type WebhookDelivererOptions,
} from '../../src/webhooks/webhook-deliverer.ts';

/**
 * A deliverer on test time: it polls every 10 ms, retries after 20–40 ms, gives a receiver 2 s and marks
 * a subscription failing after 3 failed attempts, silently. A spec passes what it needs otherwise; the
 * change log is the catalog store's own unless it passes another.
 */
export function quickDeliverer(
  options: Pick<WebhookDelivererOptions, 'signingKey' | 'allowList'> & {
    catalog: WebhookDelivererOptions['catalog'] & ChangeLogReader;
  } & Partial<Omit<WebhookDelivererOptions, 'catalog'>>,
): WebhookDeliverer {
  return startWebhookDeliverer({
    changes: options.catalog,
    maxAttempts: 3,
    retry: { baseMs: 20, maxMs: 40 },
    timeoutMs: 2_000,
    logger: pino({ level: 'silent' }),
    pollMs: 10,
    ...options,
  });
}
