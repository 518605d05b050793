import type {
  ApiConsumer,
  CatalogReader,
  Device,
  DeviceFilter,
  Installation,
  InstallationFilter,
  Organization,
  Page,
  PageRequest,
  Subscription,
} from '@medido/catalog';

const named = (name: string | null, part: string | undefined) =>
  part === undefined || (name !== null && name.toLowerCase().includes(part.toLowerCase()));

export interface CatalogData {
  organizations: Organization[];
  installations: Installation[];
  devices: Device[];
}

function paged<T>(items: T[], id: (t: T) => string, page: PageRequest): Page<T> {
  const sorted = [...items].sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
  const rest = page.after === undefined ? sorted : sorted.filter((t) => id(t) > page.after!);
  const items_ = rest.slice(0, page.limit);
  return { items: items_, next: rest.length > page.limit ? id(items_[items_.length - 1]!) : null };
}

/** An in-memory CatalogReader with the port's paging contract (id order, `after` exclusive). Counts calls. */
export function inMemoryCatalog(data: CatalogData): CatalogReader & { calls: number } {
  const catalog = {
    calls: 0,
    async listOrganizations(page: PageRequest) {
      catalog.calls++;
      return paged(data.organizations, (o) => o.organizationId, page);
    },
    async getOrganization(id: string) {
      catalog.calls++;
      return data.organizations.find((o) => o.organizationId === id) ?? null;
    },
    async listInstallations(filter: InstallationFilter, page: PageRequest) {
      catalog.calls++;
      const items = data.installations.filter(
        (i) =>
          (!filter.organizationIds || filter.organizationIds.includes(i.organizationId)) &&
          named(i.name, filter.nameContains),
      );
      return paged(items, (i) => i.installationId, page);
    },
    async getInstallation(id: string) {
      catalog.calls++;
      return data.installations.find((i) => i.installationId === id) ?? null;
    },
    async findInstallationByUnit(unitId: string) {
      catalog.calls++;
      return data.installations.find((i) => i.units.some((u) => u.unitId === unitId)) ?? null;
    },
    async listDevices(filter: DeviceFilter, page: PageRequest) {
      catalog.calls++;
      const items = data.devices.filter(
        (d) =>
          (!filter.installationId || d.installationId === filter.installationId) &&
          (!filter.unitId || d.unitId === filter.unitId) &&
          (!filter.deviceIds || filter.deviceIds.includes(d.deviceId)) &&
          (!filter.organizationIds || filter.organizationIds.includes(d.organizationId)) &&
          (!filter.status || d.status === filter.status) &&
          (!filter.variable || d.variables.some((v) => v.name === filter.variable)) &&
          named(d.name, filter.nameContains),
      );
      return paged(items, (d) => d.deviceId, page);
    },
    async getDevice(id: string) {
      catalog.calls++;
      return data.devices.find((d) => d.deviceId === id) ?? null;
    },
    async getConsumer(): Promise<ApiConsumer | null> {
      return null;
    },
    async findConsumerBySubject(): Promise<ApiConsumer | null> {
      return null;
    },
    async listConsumers(): Promise<Page<ApiConsumer>> {
      return { items: [], next: null };
    },
    async listSubscriptions(): Promise<Page<Subscription>> {
      return { items: [], next: null };
    },
    async getSubscription(): Promise<Subscription | null> {
      return null;
    },
  };
  return catalog;
}
