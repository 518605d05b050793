import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogStore } from '../catalog-store.port.ts';
import { duplicated, event, minute, shuffled, statusChanged, type TestEvent } from './catalog-events.fixture.ts';
import { energy, EXPECTED_DEVICES, EXPECTED_INSTALLATIONS, gas, HISTORY } from './catalog-history.fixture.ts';
import { expectedSnapshot, readEverything, walk } from './catalog-snapshot.ts';
import { describeAccessLogContract } from './access-log.contract.ts';
import { describeChangeLogContract } from './change-log.contract.ts';
import { describeSubscriptionsContract } from './subscriptions.contract.ts';
import { describeCatalogFiltersContract } from './catalog-filters.contract.ts';
import { describeRefreshTokenStoreContract } from './refresh-token-store.contract.ts';

/** Returns a new, empty store of the adapter under test; the suite migrates and closes it. */
export type CatalogStoreFactory = () => Promise<CatalogStore> | CatalogStore;

async function applyAll(store: CatalogStore, events: readonly TestEvent[]): Promise<void> {
  for (const e of events) await store.apply(e);
}

/**
 * The one behaviour every catalog store adapter must have (MongoDB/FerretDB and node:sqlite). Events
 * are delivered in every order a partitioned, at-least-once bus and a replay can produce, and in worse
 * ones (aggregates interleaved arbitrarily): the documents readers see must not depend on it.
 */
export function describeCatalogStoreContract(name: string, factory: CatalogStoreFactory): void {
  describe(`catalog store contract: ${name}`, () => {
    const opened: CatalogStore[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });
    async function fresh(): Promise<CatalogStore> {
      const store = await factory();
      opened.push(store);
      await store.migrate();
      await store.migrate(); // idempotent
      return store;
    }
    async function withHistory(): Promise<CatalogStore> {
      const store = await fresh();
      await applyAll(store, HISTORY);
      return store;
    }

    it('projects the history, in order, to the expected documents', async () => {
      expect(await readEverything(await withHistory())).toEqual(expectedSnapshot());
    });

    const orders: [string, TestEvent[]][] = [
      ['reversed', [...HISTORY].reverse()],
      ['shuffled (seed 1)', shuffled(HISTORY, 1)],
      ['shuffled (seed 2)', shuffled(HISTORY, 2)],
      ['shuffled (seed 3)', shuffled(HISTORY, 3)],
      ['every event twice, shuffled (seed 4)', duplicated(HISTORY, 4)],
    ];
    it.each(orders)('gives the same documents when events arrive %s', async (_order, events) => {
      const store = await fresh();
      await applyAll(store, events);
      expect(await readEverything(store)).toEqual(expectedSnapshot());
    });

    it('gives the same documents when every event, twice, is applied at once', async () => {
      const store = await fresh();
      await Promise.all(duplicated(HISTORY, 5).map((e) => store.apply(e)));
      expect(await readEverything(store)).toEqual(expectedSnapshot());
    });

    it('changes nothing on a replay of the history or on stale events', async () => {
      const store = await withHistory();
      await applyAll(store, HISTORY);
      await applyAll(store, [
        event('OrganizationRenamed', { organizationId: 'org-1', name: 'Nombre antiguo' }, 9),
        event('OrganizationVisibilityChanged', { organizationId: 'org-2', visibility: 'public' }, 11, 1),
        event('UnitAdded', { unitId: 'unit-c', installationId: 'inst-1', name: 'Sala de bombas' }, 13), // before its removal
        event('InstallationRegistered', { installationId: 'inst-2', organizationId: 'org-1', name: 'Torre vieja' }, 19), // before removal
        event('UnitAdded', { unitId: 'unit-d', installationId: 'inst-2', name: 'Pabellón' }, 19),
        statusChanged('dev-3', 'offline', 20), // before removal at 21
        event(
          'DeviceRegistered',
          { deviceId: 'dev-3', installationId: 'inst-1', variables: EXPECTED_DEVICES[0]?.variables ?? [] },
          23,
        ),
        event('DeviceMoved', { deviceId: 'dev-2', installationId: 'inst-3' }, 17),
        event('ApiConsumerGrantChanged', { consumerId: 'c-1', grants: ['org-1'] }, 26),
        event('ApiConsumerDisabled', { consumerId: 'c-2', reason: 'earlier' }, 27), // older than the disable in force
      ]);
      expect(await readEverything(store)).toEqual(expectedSnapshot());
    });

    it('brings a removed item back only with a registration newer than its removal', async () => {
      const store = await withHistory();
      await applyAll(store, [
        event('UnitAdded', { unitId: 'unit-c', installationId: 'inst-1', name: 'Sala de bombas nueva' }, 30),
        event('DeviceRemoved', { deviceId: 'dev-4' }, 31),
        event('DeviceRegistered', { deviceId: 'dev-4', installationId: 'inst-3', variables: [gas] }, 30),
      ]);
      expect((await store.getInstallation('inst-1'))?.units.map((u) => [u.unitId, u.name])).toEqual([
        ['unit-a', 'Piso 1'],
        ['unit-b', 'Piso 2 Oriente'],
        ['unit-c', 'Sala de bombas nueva'],
      ]);
      expect(await store.findInstallationByUnit('unit-c')).toMatchObject({ installationId: 'inst-1' });
      expect(await store.getDevice('dev-4')).toBeNull();
      await store.apply(
        event('DeviceRegistered', { deviceId: 'dev-4', installationId: 'inst-3', variables: [gas] }, 32),
      );
      // Registered again: its model and decommissioned status belonged to the removed device.
      expect(await store.getDevice('dev-4')).toEqual({ ...EXPECTED_DEVICES[3], model: null, status: 'active' });
    });

    it('shows a device registered before its installation once the installation arrives, under its organization', async () => {
      const store = await withHistory();
      expect(await store.getDevice('dev-25')).toBeNull();
      await store.apply(
        event('InstallationRegistered', { installationId: 'inst-9', organizationId: 'org-3', name: 'Estanque' }, 30),
      );
      const expected = {
        deviceId: 'dev-25',
        installationId: 'inst-9',
        organizationId: 'org-3',
        unitId: null,
        name: null,
        model: null,
        status: 'active',
        variables: [energy],
      };
      expect(await store.getDevice('dev-25')).toEqual(expected);
      expect((await walk((p) => store.listDevices({}, p))).map((d) => d.deviceId)).toEqual([
        'dev-1',
        'dev-2',
        'dev-25',
        'dev-3',
        'dev-4',
      ]);
      await store.apply(
        event('InstallationRegistered', { installationId: 'inst-9', organizationId: 'org-1', name: 'Estanque' }, 31),
      );
      expect(await store.getDevice('dev-25')).toEqual({ ...expected, organizationId: 'org-1' });
      await store.apply(event('InstallationRemoved', { installationId: 'inst-9' }, 32));
      expect(await store.getDevice('dev-25')).toBeNull();
    });

    it("keeps each register's declared reading interval; a registration without one (older events) stays without it", async () => {
      const store = await withHistory();
      const declared = { ...energy, readingIntervalSeconds: 900 };
      await store.apply(event('DeviceUpdated', { deviceId: 'dev-1', variables: [declared, gas] }, 40));
      expect((await store.getDevice('dev-1'))?.variables).toEqual([declared, gas]);
      expect((await store.getDevice('dev-1'))?.variables[1]).not.toHaveProperty('readingIntervalSeconds');
      expect(
        (await walk((p) => store.listDevices({ variable: energy.name }, p))).find((d) => d.deviceId === 'dev-1')
          ?.variables[0],
      ).toEqual(declared);
    });

    it('pages every list in id order, with no gap or duplicate, filling pages past hidden devices', async () => {
      const store = await withHistory();
      expect(await store.listDevices({}, { limit: 2 })).toEqual({ items: EXPECTED_DEVICES.slice(0, 2), next: 'dev-2' });
      expect(await store.listDevices({}, { after: 'dev-2', limit: 2 })).toEqual({
        items: EXPECTED_DEVICES.slice(2, 4),
        next: null,
      });
      expect(await store.listInstallations({}, { limit: 3 })).toEqual({ items: EXPECTED_INSTALLATIONS, next: null });
      expect(await store.listInstallations({}, { after: 'inst-1', limit: 1 })).toEqual({
        items: [EXPECTED_INSTALLATIONS[1]],
        next: 'inst-2',
      });
      for (const limit of [1, 2, 3, 4, 5])
        expect(await walk((p) => store.listDevices({}, p), limit)).toEqual(EXPECTED_DEVICES);
      expect(await walk((p) => store.listOrganizations(p), 1)).toHaveLength(3);
    });

    it('filters installations by organization and devices by installation, unit, ids and organization', async () => {
      const store = await withHistory();
      const ids = (items: { installationId?: string; deviceId?: string }[]) =>
        items.map((i) => i.deviceId ?? i.installationId);
      expect(
        ids((await store.listInstallations({ organizationIds: ['org-3', 'org-1'] }, { limit: 10 })).items),
      ).toEqual(['inst-1', 'inst-3']);
      expect((await store.listInstallations({ organizationIds: [] }, { limit: 10 })).items).toEqual([]);
      expect(ids((await store.listDevices({ installationId: 'inst-1' }, { limit: 10 })).items)).toEqual([
        'dev-1',
        'dev-2',
      ]);
      expect(ids((await store.listDevices({ unitId: 'unit-a' }, { limit: 10 })).items)).toEqual(['dev-1', 'dev-2']);
      expect(
        ids((await store.listDevices({ installationId: 'inst-1', unitId: 'unit-b' }, { limit: 10 })).items),
      ).toEqual([]);
      expect(
        ids((await store.listDevices({ deviceIds: ['dev-4', 'dev-25', 'dev-1', 'nope'] }, { limit: 10 })).items),
      ).toEqual(['dev-1', 'dev-4']);
      expect(ids((await store.listDevices({ organizationIds: ['org-2', 'org-3'] }, { limit: 10 })).items)).toEqual([
        'dev-3',
        'dev-4',
      ]);
      expect(
        ids((await store.listDevices({ organizationIds: ['org-2'], installationId: 'inst-1' }, { limit: 10 })).items),
      ).toEqual([]);
      expect(await store.findInstallationByUnit('unit-e')).toEqual(EXPECTED_INSTALLATIONS[1]);
      expect(await store.findInstallationByUnit('unit-c')).toBeNull();
      expect(await store.findInstallationByUnit('unit-d')).toBeNull();
    });

    it('maps a subject to its consumer, and disabling a consumer revokes its refresh-token families', async () => {
      const store = await fresh();
      const family = (familyId: string, consumerId: string) => ({
        familyId,
        consumerId,
        createdAt: 1_000,
        absoluteExpiresAt: 9_000_000,
        currentHash: `hash-${familyId}`,
        currentIssuedAt: 1_000,
        idleExpiresAt: 5_000,
        usedHashes: [],
        revokedAt: null,
        revokedReason: null,
      });
      await applyAll(
        store,
        HISTORY.filter((e) => e.type === 'ApiConsumerCreated'),
      );
      for (const [id, consumer] of [
        ['f-1', 'c-2'],
        ['f-2', 'c-2'],
        ['f-3', 'c-1'],
      ] as const)
        await store.refreshTokens.createFamily(family(id, consumer));
      await applyAll(
        store,
        HISTORY.filter((e) => e.type.startsWith('ApiConsumer')),
      );
      const revoked = { revokedAt: Date.parse(minute(28)), revokedReason: 'consumer_disabled' };
      expect(await store.refreshTokens.findFamilyByTokenHash('hash-f-1')).toEqual({
        ...family('f-1', 'c-2'),
        ...revoked,
      });
      expect(await store.refreshTokens.findFamilyByTokenHash('hash-f-2')).toEqual({
        ...family('f-2', 'c-2'),
        ...revoked,
      });
      expect(await store.refreshTokens.findFamilyByTokenHash('hash-f-3')).toEqual(family('f-3', 'c-1'));
      expect(await store.refreshTokens.revokeFamiliesOfConsumer('c-2', 'again', 99)).toBe(0);

      expect(await store.findConsumerBySubject('sub-bruno')).toMatchObject({ consumerId: 'c-2', disabled: true });
      expect(await store.getConsumer('c-2')).toMatchObject({ disabled: true, disabledAt: minute(28) });
    });

    it('maps a subject to the FIRST consumer created with it, never to a later one, whatever the arrival order', async () => {
      const first = event(
        'ApiConsumerCreated',
        { consumerId: 'c-9', name: 'Ana', email: 'ana@example.cl', subject: 'sub-shared', grants: [] },
        10,
      );
      const later = event(
        'ApiConsumerCreated',
        { consumerId: 'c-1', name: 'Intruder', email: 'x@example.cl', subject: 'sub-shared', grants: ['org-private'] },
        11,
      );
      const disabled = event('ApiConsumerDisabled', { consumerId: 'c-9' }, 12);
      for (const order of [
        [first, later, disabled],
        [disabled, later, first],
      ]) {
        const store = await fresh();
        await applyAll(store, order);
        expect(await store.findConsumerBySubject('sub-shared')).toMatchObject({ consumerId: 'c-9', disabled: true });
      }
    });

    it('enables a disabled consumer; a re-delivered disable then revokes only the families issued before it', async () => {
      const store = await fresh();
      const family = (familyId: string, createdAt: number) => ({
        familyId,
        consumerId: 'c-5',
        createdAt,
        absoluteExpiresAt: 9e15,
        currentHash: `hash-${familyId}`,
        currentIssuedAt: createdAt,
        idleExpiresAt: 9e15,
        usedHashes: [],
        revokedAt: null,
        revokedReason: null,
      });
      const disable = event('ApiConsumerDisabled', { consumerId: 'c-5', reason: 'paused' }, 3);
      await store.refreshTokens.createFamily(family('f-before', Date.parse(minute(2))));
      await applyAll(store, [
        event(
          'ApiConsumerCreated',
          { consumerId: 'c-5', name: 'Eva', email: 'eva@example.cl', subject: 'sub-eva', grants: [] },
          1,
        ),
        disable,
      ]);
      expect(await store.refreshTokens.findFamilyByTokenHash('hash-f-before')).toMatchObject({
        revokedReason: 'consumer_disabled',
      });
      await store.apply(event('ApiConsumerEnabled', { consumerId: 'c-5' }, 4));
      expect(await store.getConsumer('c-5')).toMatchObject({ disabled: false, disabledAt: null, disabledReason: null });
      await store.refreshTokens.createFamily(family('f-after', Date.parse(minute(5))));
      await store.apply(disable);
      expect(await store.refreshTokens.findFamilyByTokenHash('hash-f-after')).toEqual(
        family('f-after', Date.parse(minute(5))),
      );
      expect(await store.getConsumer('c-5')).toMatchObject({ disabled: false });
    });

    describeRefreshTokenStoreContract(async () => (await fresh()).refreshTokens);
    describeAccessLogContract(fresh);
    describeChangeLogContract(fresh);
    describeSubscriptionsContract(fresh);
    describeCatalogFiltersContract(fresh);
  });
}
