import { routeEvent, UNCHANGED, type ProjectableEvent, type Route } from './event-routes.ts';
import type { CatalogReader, CatalogWriter, Device, DeviceFilter, Page, PageRequest } from './catalog-store.port.ts';
import type { DocumentBackend, DocumentQuery } from './document-backend.port.ts';
import { keyedMutex } from './keyed-mutex.ts';
import type { RefreshTokenStore } from './refresh-token.port.ts';
import type { CatalogDocuments, CollectionName, DeviceDoc, InstallationDoc } from './projection/documents.ts';
import { toConsumer, toDevice, toInstallation, toOrganization, toSubscription } from './read-model-views.ts';

type DeviceQuery = Extract<DocumentQuery, { collection: 'devices' }>;
type AnyDoc = CatalogDocuments[CollectionName];

/** Lost compare-and-set races before giving up: only concurrent writers of ONE document can cause them. */
const MAX_ATTEMPTS = 20;
const ID_CHUNK = 1000;

/** Read → project → write-if-unchanged-since-read, retried on a lost race. */
async function compareAndSet(docs: DocumentBackend, route: Route): Promise<void> {
  const project = route.project as (doc: AnyDoc | null) => AnyDoc | typeof UNCHANGED;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const stored = await docs.read(route.collection, route.id);
    const next = project(stored?.doc ?? null);
    if (next === UNCHANGED) return;
    if (await docs.write(route.collection, route.id, next, stored?.rev ?? null)) return;
  }
  throw new Error(`${route.collection}/${route.id}: still conflicting after ${MAX_ATTEMPTS} compare-and-set attempts`);
}

function pageOf<T>(items: T[], limit: number, idOf: (item: T) => string): Page<T> {
  const last = items[limit - 1];
  return { items: items.slice(0, limit), next: items.length > limit && last !== undefined ? idOf(last) : null };
}

const limitOf = (page: PageRequest): number => Math.max(1, Math.floor(page.limit));

/** CatalogReader and CatalogWriter over any DocumentBackend; the refresh store is needed to revoke on disable. */
export function createDocumentCatalog(docs: DocumentBackend, tokens: RefreshTokenStore): CatalogReader & CatalogWriter {
  const serialized = keyedMutex();

  async function installationIdsOf(organizationIds: string[]): Promise<string[]> {
    const ids: string[] = [];
    let after: string | undefined;
    for (;;) {
      const batch = await docs.find({ collection: 'installations', organizationIds }, after, ID_CHUNK);
      ids.push(...batch.map((d) => d.installationId));
      if (batch.length < ID_CHUNK) return ids;
      after = batch.at(-1)?.installationId;
    }
  }

  /** Devices of live installations only, filling the page across devices whose installation is not live. */
  async function visibleDevices(query: Omit<DeviceQuery, 'collection'>, page: PageRequest): Promise<Page<Device>> {
    const limit = limitOf(page);
    const kept: [DeviceDoc, InstallationDoc][] = [];
    const installations = new Map<string, InstallationDoc | null>();
    for (let after = page.after; kept.length <= limit;) {
      const batch = await docs.find({ collection: 'devices', ...query }, after, limit + 1);
      const unknown = [...new Set(batch.map((d) => d.installationId ?? ''))].filter((id) => !installations.has(id));
      for (const id of unknown) installations.set(id, null);
      for (const inst of await docs.readMany('installations', unknown)) installations.set(inst.installationId, inst);
      for (const device of batch) {
        const inst = installations.get(device.installationId ?? '');
        if (inst?.live) kept.push([device, inst]);
      }
      if (batch.length < limit + 1) break;
      after = batch.at(-1)?.deviceId;
    }
    return pageOf(
      kept.slice(0, limit + 1).map(([d, inst]) => toDevice(d, inst)),
      limit,
      (d) => d.deviceId,
    );
  }

  return {
    async apply(event: ProjectableEvent) {
      const route = routeEvent(event);
      await serialized(`${route.collection}/${route.id}`, () => compareAndSet(docs, route));
      if (event.type === 'ApiConsumerDisabled') {
        // Re-delivered after a newer enable, a disable still revokes what was issued before it, never
        // the families of the consumer's later, enabled period.
        const now = await docs.read('consumers', route.id);
        const at = Date.parse(event.time);
        await tokens.revokeFamiliesOfConsumer(
          event.data.consumerId,
          'consumer_disabled',
          at,
          now?.doc.disabled ? undefined : at,
        );
      }
    },

    async listOrganizations(page) {
      const limit = limitOf(page);
      const found = await docs.find({ collection: 'organizations' }, page.after, limit + 1);
      return pageOf(found.map(toOrganization), limit, (o) => o.organizationId);
    },
    async getOrganization(id) {
      const stored = await docs.read('organizations', id);
      return stored?.doc.live ? toOrganization(stored.doc) : null;
    },
    async listInstallations(filter, page) {
      const limit = limitOf(page);
      if (filter.organizationIds?.length === 0) return { items: [], next: null };
      const query = {
        ...(filter.organizationIds && { organizationIds: filter.organizationIds }),
        ...(filter.nameContains !== undefined && { nameContains: filter.nameContains }),
      };
      const found = await docs.find({ collection: 'installations', ...query }, page.after, limit + 1);
      return pageOf(found.map(toInstallation), limit, (i) => i.installationId);
    },
    async getInstallation(id) {
      const stored = await docs.read('installations', id);
      return stored?.doc.live ? toInstallation(stored.doc) : null;
    },
    async findInstallationByUnit(unitId) {
      // A unit moved between installations may briefly be live in both (their events are not ordered
      // against each other): the newest addition wins.
      const found = await docs.find({ collection: 'installations', unitId }, undefined, 10);
      const addedAt = (doc: InstallationDoc) => doc._units.find((u) => u.unitId === unitId)?._meta.born ?? '';
      const newest = found.sort((a, b) => (addedAt(a) < addedAt(b) ? 1 : -1))[0];
      return newest ? toInstallation(newest) : null;
    },
    async listDevices(filter: DeviceFilter, page) {
      let installationIds = filter.installationId === undefined ? undefined : [filter.installationId];
      if (filter.organizationIds !== undefined) {
        const ofOrganizations = await installationIdsOf(filter.organizationIds);
        installationIds = installationIds
          ? installationIds.filter((id) => ofOrganizations.includes(id))
          : ofOrganizations;
      }
      if (installationIds?.length === 0 || filter.deviceIds?.length === 0) return { items: [], next: null };
      const query = {
        ...(installationIds && { installationIds }),
        ...(filter.unitId !== undefined && { unitId: filter.unitId }),
        ...(filter.deviceIds && { deviceIds: filter.deviceIds }),
        ...(filter.status !== undefined && { status: filter.status }),
        ...(filter.variable !== undefined && { variable: filter.variable }),
        ...(filter.nameContains !== undefined && { nameContains: filter.nameContains }),
      };
      return visibleDevices(query, page);
    },
    async getDevice(id) {
      const stored = await docs.read('devices', id);
      if (!stored?.doc.live || stored.doc.installationId === null) return null;
      const inst = await docs.read('installations', stored.doc.installationId);
      if (!inst?.doc.live) return null;
      return toDevice(stored.doc, inst.doc);
    },

    async getConsumer(id) {
      const stored = await docs.read('consumers', id);
      return stored?.doc.live ? toConsumer(stored.doc) : null;
    },
    async findConsumerBySubject(subject) {
      // The FIRST consumer to state this subject, disabled or not: a later one (which the admin
      // commands refuse, but an event written to Kafka directly is not refused) never takes over a
      // person's login and grants. Versions order consumers across partitions (see version.ts).
      const found = await docs.find({ collection: 'consumers', subject }, undefined, 100);
      const since = (c: CatalogDocuments['consumers']) => c._meta.fields.subject ?? c._meta.born ?? '';
      const first = found.sort((a, b) => (since(a) < since(b) ? -1 : 1))[0];
      return first ? toConsumer(first) : null;
    },
    async listConsumers(page) {
      const limit = limitOf(page);
      const found = await docs.find({ collection: 'consumers' }, page.after, limit + 1);
      return pageOf(found.map(toConsumer), limit, (c) => c.consumerId);
    },

    async listSubscriptions(filter, page) {
      const limit = limitOf(page);
      const query = {
        collection: 'subscriptions' as const,
        ...(filter.consumerId !== undefined && { consumerId: filter.consumerId }),
      };
      const found = await docs.find(query, page.after, limit + 1);
      return pageOf(found.map(toSubscription), limit, (s) => s.subscriptionId);
    },
    async getSubscription(id) {
      const stored = await docs.read('subscriptions', id);
      return stored?.doc.live ? toSubscription(stored.doc) : null;
    },
  };
}
