import type { DeviceStatus } from '@medido/contracts';
import type { ChangeEventType } from '@medido/contracts';
import type { ApiConsumer, Device, Installation, Organization, Subscription } from './catalog-store.port.ts';
import type {
  ConsumerDoc,
  DeviceDoc,
  InstallationDoc,
  OrganizationDoc,
  SubscriptionDoc,
} from './projection/documents.ts';

/** A registered device whose status no event has stated yet is taken to be in service. */
export const DEFAULT_DEVICE_STATUS: DeviceStatus = 'active';

/*
 * Stored documents → what readers see. Only live documents reach these functions, and a live document
 * has every required field (its registration set them, and nothing older than it can clear them).
 */

export function toOrganization(doc: OrganizationDoc): Organization {
  return { organizationId: doc.organizationId, name: doc.name ?? '', visibility: doc.visibility ?? 'private' };
}

export function toInstallation(doc: InstallationDoc): Installation {
  return {
    installationId: doc.installationId,
    organizationId: doc.organizationId ?? '',
    name: doc.name ?? '',
    timezone: doc.timezone,
    address: doc.address,
    units: doc.units.map((u) => ({ ...u })),
  };
}

/** The device with its installation's organization. */
export function toDevice(doc: DeviceDoc, installation: InstallationDoc): Device {
  return {
    deviceId: doc.deviceId,
    installationId: installation.installationId,
    organizationId: installation.organizationId ?? '',
    unitId: doc.unitId,
    name: doc.name,
    model: doc.model,
    status: doc.status ?? DEFAULT_DEVICE_STATUS,
    variables: doc.variables.map((v) => ({ ...v })),
  };
}

export function toConsumer(doc: ConsumerDoc): ApiConsumer {
  return {
    consumerId: doc.consumerId,
    name: doc.name ?? '',
    email: doc.email ?? '',
    subject: doc.subject ?? '',
    grants: [...doc.grants],
    expiresAt: doc.expiresAt,
    disabled: doc.disabled,
    disabledAt: doc.disabledAt,
    disabledReason: doc.disabledReason,
  };
}

export function toSubscription(doc: SubscriptionDoc): Subscription {
  return {
    subscriptionId: doc.subscriptionId,
    consumerId: doc.consumerId ?? '',
    installationId: doc.installationId ?? '',
    unitId: doc.unitId,
    deviceIds: doc.deviceIds ? [...doc.deviceIds] : null,
    variables: doc.variables ? [...doc.variables] : null,
    types: doc.types ? ([...doc.types] as ChangeEventType[]) : null,
    webhookUrl: doc.webhookUrl ?? '',
    startAfter: doc.startAfter,
    createdAt: doc.createdAt ?? '',
    resumedBy: doc.resumedBy,
  };
}
