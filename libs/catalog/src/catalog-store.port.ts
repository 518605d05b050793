import type {
  CatalogEvent,
  ChangeEventType,
  ConsumerEvent,
  DeviceStatus,
  SubscriptionEvent,
  VariableDefinition,
  Visibility,
} from '@medido/contracts';
import type { AccessLogStore } from './access-log.port.ts';
import type { ChangeLogStore } from './change-log.port.ts';
import type { NotifierStateStore } from './notifier-state.port.ts';
import type { RefreshTokenStore } from './refresh-token.port.ts';
import type { DeliveryStateStore } from './webhook-delivery.port.ts';

/**
 * The catalog store port: MongoDB in production (FerretDB in tests: portable subset only, no
 * transactions, change streams, $lookup, TTL or partial indexes), node:sqlite in the embedded default.
 * Read models are documents; projections (event-routes.ts, projection/) decide their content, adapters only
 * persist them with a single-document compare-and-set. One contract suite covers every adapter:
 * testing/catalog-store.contract.ts.
 */

export interface Organization {
  organizationId: string;
  name: string;
  visibility: Visibility;
}
export interface Unit {
  unitId: string;
  name: string;
}
export interface Installation {
  installationId: string;
  organizationId: string;
  name: string;
  timezone: string | null;
  address: string | null;
  /** Live units, in unitId order. */
  units: Unit[];
}
/**
 * A meter. `organizationId` is its installation's, resolved when read: a device whose installation is
 * unknown (not registered yet, or removed) is not visible anywhere until that installation is live.
 * `status` is `active` until an event states otherwise. Its newest reading time is not catalog data:
 * the measurements store knows it (`MeasurementsStore.lastSeen`), and the read API asks it there.
 */
export interface Device {
  deviceId: string;
  installationId: string;
  organizationId: string;
  unitId: string | null;
  name: string | null;
  model: string | null;
  status: DeviceStatus;
  variables: VariableDefinition[];
}
export interface ApiConsumer {
  consumerId: string;
  name: string;
  email: string;
  subject: string;
  grants: string[];
  expiresAt: string | null;
  disabled: boolean;
  disabledAt: string | null;
  disabledReason: string | null;
}

/** A consumer's webhook subscription: its scope (an installation, narrowed to a unit or meters) and URL. */
export interface Subscription {
  subscriptionId: string;
  consumerId: string;
  installationId: string;
  unitId: string | null;
  deviceIds: string[] | null;
  variables: string[] | null;
  types: ChangeEventType[] | null;
  webhookUrl: string;
  /** Change-log cursor deliveries start after (null: from the log's beginning). */
  startAfter: string | null;
  createdAt: string;
  /** Version of the newest SubscriptionResumed, null if none: the deliverer clears a failing state once per new value. */
  resumedBy: string | null;
}
export interface SubscriptionFilter {
  consumerId?: string;
}

/** One page of a list: items in id order, and the id to continue after (null at the end). */
export interface Page<T> {
  items: T[];
  next: string | null;
}
export interface PageRequest {
  after?: string;
  limit: number;
}

/**
 * Filters combine with AND; an empty id list matches nothing. `status` matches what readers see (a device
 * whose status no event stated is `active`); `variable` a device with that register; `nameContains` a
 * case-insensitive substring of the name (Unicode lower case, as String#toLowerCase; unnamed never match).
 */
export interface DeviceFilter {
  installationId?: string;
  unitId?: string;
  deviceIds?: string[];
  organizationIds?: string[];
  status?: DeviceStatus;
  variable?: string;
  nameContains?: string;
}
export interface InstallationFilter {
  organizationIds?: string[];
  nameContains?: string;
}

export interface CatalogReader {
  listOrganizations(page: PageRequest): Promise<Page<Organization>>;
  getOrganization(organizationId: string): Promise<Organization | null>;
  listInstallations(filter: InstallationFilter, page: PageRequest): Promise<Page<Installation>>;
  getInstallation(installationId: string): Promise<Installation | null>;
  /** The live installation that holds a live unit, or null. */
  findInstallationByUnit(unitId: string): Promise<Installation | null>;
  listDevices(filter: DeviceFilter, page: PageRequest): Promise<Page<Device>>;
  getDevice(deviceId: string): Promise<Device | null>;
  getConsumer(consumerId: string): Promise<ApiConsumer | null>;
  /**
   * The consumer an identity provider subject maps to: the first one created with it, even when
   * disabled (then login is refused; it is never handed to another consumer of the same subject).
   */
  findConsumerBySubject(subject: string): Promise<ApiConsumer | null>;
  listConsumers(page: PageRequest): Promise<Page<ApiConsumer>>;
  /** Live subscriptions (of one consumer, when given), in id order. */
  listSubscriptions(filter: SubscriptionFilter, page: PageRequest): Promise<Page<Subscription>>;
  getSubscription(subscriptionId: string): Promise<Subscription | null>;
}

export interface CatalogWriter {
  /**
   * Projects one event; idempotent; an older or repeated event changes nothing, and any delivery
   * order gives the same documents. `ApiConsumerDisabled` also revokes the consumer's refresh-token
   * families (again on every delivery, so a crash between the two writes is repaired by the retry;
   * once a newer enable is in force, only the families issued up to the disable).
   * Concurrent calls are safe: one process queues writes per document, and MongoDB's compare-and-set
   * settles races between processes (FerretDB 1.x on SQLite does not isolate conditional updates, so
   * there, two PROCESSES writing one aggregate at once can lose an update; see the lib's README).
   */
  apply(event: CatalogEvent | ConsumerEvent | SubscriptionEvent): Promise<void>;
}

/**
 * The access read model (access-log.port.ts), the change log with the notifier's state
 * (change-log.port.ts, notifier-state.port.ts) and the webhook delivery state (webhook-delivery.port.ts)
 * live beside the catalog: same database, same adapters. Refresh tokens too, but as a port of their own
 * (`refreshTokens`): they are the login's state, not a read model, and only the auth routes use them.
 */
export interface CatalogStore
  extends CatalogReader, CatalogWriter, AccessLogStore, ChangeLogStore, NotifierStateStore, DeliveryStateStore {
  readonly refreshTokens: RefreshTokenStore;
  /** Creates collections/tables and indexes; safe to re-run. */
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
