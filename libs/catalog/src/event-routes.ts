import type { CatalogEvent, ConsumerEvent, SubscriptionEvent } from '@medido/contracts';
import { projectConsumer } from './projection/consumer-projection.ts';
import { projectDevice } from './projection/device-projection.ts';
import type { CatalogDocuments, CollectionName, Projected } from './projection/documents.ts';
import { projectInstallation } from './projection/installation-projection.ts';
import { projectOrganization } from './projection/organization-projection.ts';
import { projectSubscription } from './projection/subscription-projection.ts';

export type ProjectableEvent = CatalogEvent | ConsumerEvent | SubscriptionEvent;

/**
 * Where an event lands, and how: one document (its aggregate's) and a pure function of that document.
 * Every event writes exactly one document, so a single-document compare-and-set is the whole write.
 */
export type Route = {
  [C in CollectionName]: {
    collection: C;
    id: string;
    project: (current: CatalogDocuments[C] | null) => Projected<CatalogDocuments[C]>;
  };
}[CollectionName];

export function routeEvent(event: ProjectableEvent): Route {
  switch (event.type) {
    case 'OrganizationRegistered':
    case 'OrganizationRenamed':
    case 'OrganizationVisibilityChanged':
      return {
        collection: 'organizations',
        id: event.data.organizationId,
        project: (doc) => projectOrganization(event, doc),
      };
    case 'InstallationRegistered':
    case 'InstallationUpdated':
    case 'InstallationRemoved':
    case 'UnitAdded':
    case 'UnitRenamed':
    case 'UnitRemoved':
      return {
        collection: 'installations',
        id: event.data.installationId,
        project: (doc) => projectInstallation(event, doc),
      };
    case 'DeviceRegistered':
    case 'DeviceUpdated':
    case 'DeviceMoved':
    case 'DeviceRemoved':
    case 'DeviceStatusChanged':
      return { collection: 'devices', id: event.data.deviceId, project: (doc) => projectDevice(event, doc) };
    case 'ApiConsumerCreated':
    case 'ApiConsumerGrantChanged':
    case 'ApiConsumerDisabled':
    case 'ApiConsumerEnabled':
      return { collection: 'consumers', id: event.data.consumerId, project: (doc) => projectConsumer(event, doc) };
    case 'SubscriptionCreated':
    case 'SubscriptionDeleted':
    case 'SubscriptionResumed':
      return {
        collection: 'subscriptions',
        id: event.data.subscriptionId,
        project: (doc) => projectSubscription(event, doc),
      };
    default: {
      const _exhaustive: never = event;
      throw new TypeError(`not a catalog or consumer event: ${JSON.stringify(_exhaustive)}`);
    }
  }
}

export { projectOrganization, projectInstallation, projectDevice, projectConsumer, projectSubscription };
export { UNCHANGED, type CatalogDocuments, type CollectionName, type Projected } from './projection/documents.ts';
export { versionOf, type Version } from './projection/version.ts';
