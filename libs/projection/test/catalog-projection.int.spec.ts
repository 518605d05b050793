import type { RefreshTokenFamily } from '@medido/catalog';
import { duplicated, event, minute, shuffled } from '@medido/catalog/testing/catalog-events.fixture';
import { HISTORY } from '@medido/catalog/testing/catalog-history.fixture';
import {
  expectedSnapshot as expectedCatalog,
  readEverything,
  type CatalogSnapshot,
} from '@medido/catalog/testing/catalog-snapshot';
import { TOPICS } from '@medido/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replay, type Projector } from '../src/index.ts';
import { publishCatalogEvents } from '../src/testing/catalog.fixture.ts';
import type { ProjectionStack } from '../src/testing/projection-stack.ts';
import { eventRecord } from '../src/testing/readings.fixture.ts';
import { openTestStack } from './test-stack.ts';

/**
 * The catalog read model through Kafka and FerretDB: any delivery order, with repeats, re-deliveries
 * and a replay, gives the documents the in-order history gives.
 */
const family = (familyId: string, consumerId: string): RefreshTokenFamily => ({
  familyId,
  consumerId,
  createdAt: Date.parse(minute(0)),
  absoluteExpiresAt: Date.parse(minute(100_000)),
  currentHash: `${familyId}-h0`,
  currentIssuedAt: Date.parse(minute(0)),
  idleExpiresAt: Date.parse(minute(50_000)),
  usedHashes: [],
  revokedAt: null,
  revokedReason: null,
});

let inOrder: ProjectionStack;
let shuffledStack: ProjectionStack;
let projector: Projector;
let reference: CatalogSnapshot;

beforeAll(async () => {
  [inOrder, shuffledStack] = await Promise.all([openTestStack('projc_in_order'), openTestStack('projc_shuffled')]);
  await publishCatalogEvents(inOrder.bus, HISTORY);
  const first = await inOrder.startProjector();
  await inOrder.waitForProjection(first);
  reference = await readEverything(inOrder.catalog);
});
afterAll(async () => {
  await Promise.allSettled([inOrder?.dispose(), shuffledStack?.dispose()]);
});

describe('catalog projection on Kafka and FerretDB', () => {
  it('projects the history in order into the documents it describes', () => {
    expect(reference).toEqual(expectedCatalog());
  });

  it("gives the same documents when every event arrives twice in a shuffled order, and revokes the disabled consumer's tokens", async () => {
    await shuffledStack.catalog.refreshTokens.createFamily(family('fam-bruno', 'c-2'));
    await shuffledStack.catalog.refreshTokens.createFamily(family('fam-ana', 'c-1'));
    await publishCatalogEvents(shuffledStack.bus, duplicated(HISTORY, 7));
    projector = await shuffledStack.startProjector();
    await shuffledStack.waitForProjection(projector);
    expect(await readEverything(shuffledStack.catalog)).toEqual(reference);
    expect(await shuffledStack.catalog.refreshTokens.findFamilyByTokenHash('fam-bruno-h0')).toMatchObject({
      revokedAt: Date.parse(minute(28)),
      revokedReason: 'consumer_disabled',
    });
    expect(await shuffledStack.catalog.refreshTokens.findFamilyByTokenHash('fam-ana-h0')).toMatchObject({
      revokedAt: null,
    });
  });

  it('changes nothing when the history is sent again later, or re-delivered from the first offset', async () => {
    await publishCatalogEvents(shuffledStack.bus, shuffled(HISTORY, 11));
    await shuffledStack.waitForProjection(projector);
    expect(await readEverything(shuffledStack.catalog)).toEqual(reference);

    // A projector in new consumer groups is handed every record again, from the first offset.
    await projector.stop();
    projector = await shuffledStack.startProjector({ groupSuffix: 'again' });
    await shuffledStack.waitForProjection(projector);
    expect(await readEverything(shuffledStack.catalog)).toEqual(reference);
  });

  it('dead-letters poison catalog records with their reason and projects the records after them', async () => {
    const valid = event(
      'OrganizationRegistered',
      { organizationId: 'org-77', name: 'Después del veneno', visibility: 'public' },
      40,
    );
    const badData = { ...valid, id: 'bad-data', data: { organizationId: 'org-77', name: 'x', visibility: 'secret' } };
    const measurements = {
      ...valid,
      id: 'wrong-topic',
      type: 'MeasurementsRecorded',
      data: { deviceId: 'dev-1', readings: [{ variable: 'v', ts: minute(1), value: 1 }] },
    };
    await shuffledStack.bus.publish(TOPICS.catalog, [
      eventRecord('org-77', '{"specversion": "1.0", '),
      eventRecord('org-77', badData, 'OrganizationRegistered'),
      eventRecord('org-77', measurements),
      eventRecord('org-77', valid, 'OrganizationRegistered'),
    ]);
    await shuffledStack.waitForProjection(projector);
    expect(await shuffledStack.catalog.getOrganization('org-77')).toEqual({
      organizationId: 'org-77',
      name: 'Después del veneno',
      visibility: 'public',
    });
    const letters = await shuffledStack.deadLetters(3);
    expect(letters.map((l) => [l.topic, l.error.code])).toEqual([
      [TOPICS.catalog, 'RECORD_NOT_JSON'],
      [TOPICS.catalog, 'EVENT_DATA_INVALID'],
      [TOPICS.catalog, 'EVENT_TYPE_UNEXPECTED'],
    ]);
    expect(Buffer.from(letters[0]!.value!, 'base64').toString('utf8')).toBe('{"specversion": "1.0", ');
    expect(letters.map((l) => Number(l.offset) - Number(letters[0]!.offset))).toEqual([0, 1, 2]);
  });

  it('replays the topics into an empty catalog with the same documents', async () => {
    const before = await readEverything(shuffledStack.catalog);
    const catalog = await shuffledStack.freshCatalog();
    const measurements = await shuffledStack.freshMeasurements();
    await replay(
      { bus: shuffledStack.bus, measurements, catalog, logger: shuffledStack.logger },
      { pollMs: 200, settleChecks: 2 },
    );
    expect(await readEverything(catalog)).toEqual(before);
    expect(await catalog.getOrganization('org-77')).toEqual(await shuffledStack.catalog.getOrganization('org-77'));
  });
});
