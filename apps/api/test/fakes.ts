import type { CatalogStore, Organization } from '@medido/catalog';
import { loadConfig, type Config } from '@medido/platform';

/** A catalog holding organizations only; every other read answers empty. `failing` makes ping fail. */
export function fakeCatalog(organizations: Organization[]): CatalogStore & { failing: boolean } {
  const none = async () => null;
  const empty = async () => ({ items: [], next: null });
  const unused = async (): Promise<never> => {
    throw new Error('not used by these tests');
  };
  const store = {
    failing: false,
    listOrganizations: async () => ({ items: organizations, next: null }),
    getOrganization: async (id: string) => organizations.find((o) => o.organizationId === id) ?? null,
    listInstallations: empty,
    getInstallation: none,
    findInstallationByUnit: none,
    listDevices: empty,
    getDevice: none,
    getConsumer: none,
    findConsumerBySubject: none,
    listConsumers: empty,
    listSubscriptions: empty,
    getSubscription: none,
    apply: unused,
    touchDevices: unused,
    refreshTokens: {
      createFamily: unused,
      findFamilyByTokenHash: none,
      rotate: unused,
      revokeFamily: unused,
      revokeFamiliesOfConsumer: unused,
      purgeExpiredFamilies: async () => 0,
    },
    recordAccess: unused,
    listAccess: empty,
    appendChanges: unused,
    changesAfter: async () => [],
    latestCursor: none,
    loadNotifierState: async () => new Map(),
    saveNotifierState: unused,
    getDeliveryStates: async () => new Map(),
    saveDeliveryState: unused,
    migrate: async () => {},
    close: async () => {},
    async ping() {
      if (store.failing) throw new Error('catalog unreachable');
    },
  };
  return store;
}

export function fakeMeasurements() {
  const store = {
    failing: false,
    query: async () => [],
    lastSeen: async () => new Map<string, number>(),
    async ping() {
      if (store.failing) throw new Error('ClickHouse is unreachable');
    },
  };
  return store;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig(
    {},
    {
      MEDIDO_PUBLIC_URL: 'https://api.medido.test',
      MEDIDO_OIDC_ISSUER: 'https://idp.medido.test',
      MEDIDO_OIDC_CLIENT_SECRET: 'test-client-secret',
      ...overrides,
    },
  );
}
