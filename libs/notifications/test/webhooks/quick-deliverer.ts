import { pino } from 'pino';
import {
  startWebhookDeliverer,
  type WebhookDeliverer,
  type WebhookDelivererOptions,
} from '../../src/webhooks/webhook-deliverer.ts';

/**
 * A deliverer on test time: it polls every 10 ms, retries after 20–40 ms, gives a receiver 2 s and marks
 * a subscription failing after 3 failed attempts, silently. A spec passes what it needs otherwise.
 */
export function quickDeliverer(
  options: Pick<WebhookDelivererOptions, 'catalog' | 'signingKey' | 'allowList'> & Partial<WebhookDelivererOptions>,
): WebhookDeliverer {
  return startWebhookDeliverer({
    maxAttempts: 3,
    retry: { baseMs: 20, maxMs: 40 },
    timeoutMs: 2_000,
    logger: pino({ level: 'silent' }),
    pollMs: 10,
    ...options,
  });
}
