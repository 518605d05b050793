import type { DeviceStatus, VariableDefinition, Visibility } from '@medido/contracts';
import type { Lifecycle } from './lww.ts';

/**
 * Stored read-model documents, as the projections produce them and the adapters persist them (MongoDB
 * documents, or JSON in node:sqlite). Top-level fields hold the current values that queries filter on;
 * `_meta` holds the versions that make projection order-independent (see lww.ts). `live` is derived
 * (registered and not removed since) and stored because every query filters on it.
 */
export interface OrganizationDoc {
  organizationId: string;
  live: boolean;
  name: string | null;
  visibility: Visibility | null;
  _meta: Lifecycle;
}

/** A unit's bookkeeping inside its installation, kept after removal as a tombstone. */
export interface UnitEntry {
  unitId: string;
  name: string | null;
  _meta: Lifecycle;
}

export interface InstallationDoc {
  installationId: string;
  live: boolean;
  organizationId: string | null;
  name: string | null;
  timezone: string | null;
  address: string | null;
  /** Live units, by unitId: what readers see and what the `units.unitId` index covers. */
  units: { unitId: string; name: string }[];
  /** Every unit ever seen (live or tombstoned), by unitId. */
  _units: UnitEntry[];
  _meta: Lifecycle;
}

/**
 * A device does not store its organization: it is its installation's, resolved when read, so a device
 * registered before its installation, or an installation re-registered under another organization,
 * needs no write to other documents (no multi-document update, nothing to repair after a crash).
 */
export interface DeviceDoc {
  deviceId: string;
  live: boolean;
  installationId: string | null;
  unitId: string | null;
  name: string | null;
  model: string | null;
  /** null: never stated since registration; readers show the default status. */
  status: DeviceStatus | null;
  variables: VariableDefinition[];
  _meta: Lifecycle;
}

export interface ConsumerDoc {
  consumerId: string;
  live: boolean;
  name: string | null;
  email: string | null;
  subject: string | null;
  grants: string[];
  expiresAt: string | null;
  disabled: boolean;
  disabledAt: string | null;
  disabledReason: string | null;
  _meta: Lifecycle;
}

/**
 * A consumer's webhook subscription. The scope is fixed at creation (a new scope is a new subscription);
 * `resumedBy` is the version of the newest SubscriptionResumed, which the deliverer compares with the
 * one it last acted on to clear a failing state (so a resume is seen once, whatever the redeliveries).
 */
export interface SubscriptionDoc {
  subscriptionId: string;
  live: boolean;
  consumerId: string | null;
  installationId: string | null;
  unitId: string | null;
  deviceIds: string[] | null;
  variables: string[] | null;
  types: string[] | null;
  webhookUrl: string | null;
  startAfter: string | null;
  createdAt: string | null;
  resumedBy: string | null;
  _meta: Lifecycle;
}

export interface CatalogDocuments {
  organizations: OrganizationDoc;
  installations: InstallationDoc;
  devices: DeviceDoc;
  consumers: ConsumerDoc;
  subscriptions: SubscriptionDoc;
}
export type CollectionName = keyof CatalogDocuments;
export const COLLECTIONS: CollectionName[] = [
  'organizations',
  'installations',
  'devices',
  'consumers',
  'subscriptions',
];

/** What a projection returns when the event changes nothing (stale, repeated, or overridden). */
export const UNCHANGED: unique symbol = Symbol('unchanged');
export type Projected<D> = D | typeof UNCHANGED;
