import type { ApiConsumer } from '@medido/catalog';

/**
 * An API consumer may get tokens only while it exists, is not disabled and has not passed its
 * expiry date. Checked at login and again at every refresh, so disabling a consumer takes effect
 * within one access-token lifetime.
 */
export function isActiveConsumer(consumer: ApiConsumer | null, now: number): consumer is ApiConsumer {
  if (!consumer || consumer.disabled) return false;
  if (consumer.expiresAt === null) return true;
  const expiresAt = Date.parse(consumer.expiresAt);
  return Number.isFinite(expiresAt) && now < expiresAt;
}
