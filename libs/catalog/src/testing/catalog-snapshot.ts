import type {
  ApiConsumer,
  CatalogReader,
  Device,
  Installation,
  Organization,
  Page,
  PageRequest,
} from '../catalog-store.port.ts';
import {
  DEVICE_IDS,
  EXPECTED_CONSUMERS,
  EXPECTED_DEVICES,
  EXPECTED_INSTALLATIONS,
  EXPECTED_ORGANIZATIONS,
  SUBJECTS,
  UNIT_IDS,
} from './catalog-history.fixture.ts';

const ORGANIZATION_IDS = ['org-1', 'org-2', 'org-3', 'org-9'];
const INSTALLATION_IDS = ['inst-1', 'inst-2', 'inst-3', 'inst-9'];

/** Everything a reader can see of the history's catalog, through every query of the port. */
export interface CatalogSnapshot {
  organizations: Organization[];
  organizationById: Record<string, Organization | null>;
  installations: Installation[];
  installationById: Record<string, Installation | null>;
  installationsByOrganization: Record<string, Installation[]>;
  installationIdByUnit: Record<string, string | null>;
  devices: Device[];
  deviceById: Record<string, Device | null>;
  devicesByInstallation: Record<string, Device[]>;
  devicesByUnit: Record<string, Device[]>;
  devicesByOrganization: Record<string, Device[]>;
  consumers: ApiConsumer[];
  consumerIdBySubject: Record<string, string | null>;
}

/** Walks a list page by page (small pages, so pagination is exercised on every read). */
export async function walk<T>(list: (page: PageRequest) => Promise<Page<T>>, limit = 2): Promise<T[]> {
  const items: T[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await list(after === undefined ? { limit } : { after, limit });
    if (page.items.length > limit) throw new Error(`page of ${page.items.length} items for limit ${limit}`);
    items.push(...page.items);
    if (page.next === null) return items;
    after = page.next;
  }
  throw new Error('pagination does not end');
}

const record = async <T>(keys: string[], read: (key: string) => Promise<T>): Promise<Record<string, T>> =>
  Object.fromEntries(await Promise.all(keys.map(async (key) => [key, await read(key)] as const)));

export async function readEverything(store: CatalogReader): Promise<CatalogSnapshot> {
  return {
    organizations: await walk((p) => store.listOrganizations(p)),
    organizationById: await record(ORGANIZATION_IDS, (id) => store.getOrganization(id)),
    installations: await walk((p) => store.listInstallations({}, p)),
    installationById: await record(INSTALLATION_IDS, (id) => store.getInstallation(id)),
    installationsByOrganization: await record(ORGANIZATION_IDS, (id) =>
      walk((p) => store.listInstallations({ organizationIds: [id] }, p)),
    ),
    installationIdByUnit: await record(
      UNIT_IDS,
      async (id) => (await store.findInstallationByUnit(id))?.installationId ?? null,
    ),
    devices: await walk((p) => store.listDevices({}, p)),
    deviceById: await record(DEVICE_IDS, (id) => store.getDevice(id)),
    devicesByInstallation: await record(INSTALLATION_IDS, (id) =>
      walk((p) => store.listDevices({ installationId: id }, p)),
    ),
    devicesByUnit: await record(UNIT_IDS, (id) => walk((p) => store.listDevices({ unitId: id }, p))),
    devicesByOrganization: await record(ORGANIZATION_IDS, (id) =>
      walk((p) => store.listDevices({ organizationIds: [id] }, p)),
    ),
    consumers: await walk((p) => store.listConsumers(p)),
    consumerIdBySubject: await record(
      SUBJECTS,
      async (s) => (await store.findConsumerBySubject(s))?.consumerId ?? null,
    ),
  };
}

const byId = <T>(items: T[], idOf: (item: T) => string, ids: string[]) =>
  Object.fromEntries(ids.map((id) => [id, items.find((item) => idOf(item) === id) ?? null]));
const groups = <T>(items: T[], keyOf: (item: T) => string | null, keys: string[]) =>
  Object.fromEntries(keys.map((key) => [key, items.filter((item) => keyOf(item) === key)]));

/** The snapshot the hand-written expected documents imply. */
export function expectedSnapshot(): CatalogSnapshot {
  const units = EXPECTED_INSTALLATIONS.flatMap((i) => i.units.map((u) => [u.unitId, i.installationId] as const));
  return {
    organizations: EXPECTED_ORGANIZATIONS,
    organizationById: byId(EXPECTED_ORGANIZATIONS, (o) => o.organizationId, ORGANIZATION_IDS),
    installations: EXPECTED_INSTALLATIONS,
    installationById: byId(EXPECTED_INSTALLATIONS, (i) => i.installationId, INSTALLATION_IDS),
    installationsByOrganization: groups(EXPECTED_INSTALLATIONS, (i) => i.organizationId, ORGANIZATION_IDS),
    installationIdByUnit: Object.fromEntries(UNIT_IDS.map((u) => [u, units.find(([unit]) => unit === u)?.[1] ?? null])),
    devices: EXPECTED_DEVICES,
    deviceById: byId(EXPECTED_DEVICES, (d) => d.deviceId, DEVICE_IDS),
    devicesByInstallation: groups(EXPECTED_DEVICES, (d) => d.installationId, INSTALLATION_IDS),
    devicesByUnit: groups(EXPECTED_DEVICES, (d) => d.unitId, UNIT_IDS),
    devicesByOrganization: groups(EXPECTED_DEVICES, (d) => d.organizationId, ORGANIZATION_IDS),
    consumers: EXPECTED_CONSUMERS,
    consumerIdBySubject: { 'sub-ana': 'c-1', 'sub-bruno': 'c-2', 'sub-nobody': null },
  };
}
