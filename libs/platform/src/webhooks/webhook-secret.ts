import { createHmac, randomBytes } from 'node:crypto';
import { ConfigError } from '../config.ts';

/** The Standard Webhooks secret prefix: `whsec_` then the key bytes in base64. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';
const MIN_KEY_CHARS = 32;

/**
 * The operator's webhook signing key (MEDIDO_WEBHOOK_SIGNING_KEY, or the embedded default's generated
 * file): at least 32 characters, used as given. Every api replica and the notifier must share it.
 */
export function webhookSigningKeyOf(text: string): Buffer {
  const key = text.trim();
  if (key.length < MIN_KEY_CHARS)
    throw new ConfigError(`MEDIDO_WEBHOOK_SIGNING_KEY must hold at least ${MIN_KEY_CHARS} characters`);
  return Buffer.from(key, 'utf8');
}

/** A new random key, in the form webhookSigningKeyOf reads (for the embedded default's data directory). */
export const generateWebhookSigningKey = (): string => randomBytes(32).toString('base64url');

/**
 * The secret of one subscription: HMAC-SHA256(operator key, subscription id). Derived, never stored
 * nor published: the api shows it once in the creation answer, the deliverer derives it again to sign.
 * Anyone holding the operator key can derive every secret, so the key is as sensitive as all of them.
 */
export function subscriptionSecretBytes(operatorKey: Buffer, subscriptionId: string): Buffer {
  return createHmac('sha256', operatorKey).update(`medido-webhook-secret:v1:${subscriptionId}`).digest();
}

export function subscriptionSecret(operatorKey: Buffer, subscriptionId: string): string {
  return WEBHOOK_SECRET_PREFIX + subscriptionSecretBytes(operatorKey, subscriptionId).toString('base64');
}
