import type { ApiConsumer, CatalogReader, ChangeFilter, ChangeRecord, Subscription } from '@medido/catalog';

/**
 * Whether the subscription's consumer may still read its installation: grants are checked again at
 * every delivery round, not only at creation, so a revoked grant, a disabled or expired consumer, or
 * an organization turned private stops the webhooks (they resume when access comes back).
 */
export async function readableOrganization(
  catalog: Pick<CatalogReader, 'getConsumer' | 'getInstallation' | 'getOrganization'>,
  subscription: Subscription,
  now: number,
): Promise<string | null> {
  const consumer: ApiConsumer | null = await catalog.getConsumer(subscription.consumerId);
  if (!consumer || consumer.disabled || (consumer.expiresAt !== null && Date.parse(consumer.expiresAt) <= now))
    return null;
  const installation = await catalog.getInstallation(subscription.installationId);
  if (!installation) return null;
  const organization = await catalog.getOrganization(installation.organizationId);
  if (!organization) return null;
  return organization.visibility === 'public' || consumer.grants.includes(organization.organizationId)
    ? organization.organizationId
    : null;
}

/** The change-log filter of a subscription's scope (the log walks an index for it). */
export function changeFilterOf(subscription: Subscription, organizationId: string): ChangeFilter {
  return {
    organizationIds: [organizationId],
    installationIds: [subscription.installationId],
    ...(subscription.unitId !== null && { unitId: subscription.unitId }),
    ...(subscription.deviceIds !== null && { deviceIds: subscription.deviceIds }),
    ...(subscription.types !== null && { types: subscription.types }),
  };
}

/** The variables filter, which the log does not index: a change naming none of them is skipped (a day names none and passes). */
export function matchesVariables(subscription: Subscription, change: ChangeRecord): boolean {
  if (subscription.variables === null || !('variables' in change.data)) return true;
  const wanted = subscription.variables;
  return change.data.variables.some((v) => wanted.includes(v));
}
