import { beforeAll, describe, expect, it } from 'vitest';
import type { ClickHouseMeasurementsStore } from '../src/clickhouse-measurements-store.ts';
import { createClickHouseMeasurementsStore } from '../src/clickhouse-measurements-store.ts';
import { clickhouse, freshStore, reading } from './store-fixture.ts';

const T = (iso: string) => Date.parse(iso);

describe('MeasurementsStore.latest on chDB', () => {
  let store: ClickHouseMeasurementsStore;
  beforeAll(async () => {
    ({ store } = await freshStore());
    await store.insert(
      [
        reading('a', 'e', '2026-05-01T00:00:00Z', 1),
        reading('a', 'e', '2026-05-01T00:15:00Z', 2),
        reading('a', 'p', '2026-05-01T00:05:00Z', 7),
        reading('b', 'e', '2026-04-01T00:00:00Z', 50), // a meter that went silent a month earlier
        reading('b', 'p', '2026-05-01T00:15:00Z', 9), // not asked for
      ],
      'batch-1',
    );
    // Re-sent in another batch with a later ingestion and a corrected value and quality: the latest ingested wins.
    await store.insert(
      [reading('a', 'e', '2026-05-01T00:15:00Z', 2.5, 'substituted', T('2026-06-02T00:00:00Z'))],
      'batch-2',
    );
  });

  it('answers exactly the series asked, each with its newest reading', async () => {
    const found = await store.latest([
      { deviceId: 'a', variable: 'e' },
      { deviceId: 'a', variable: 'p' },
      { deviceId: 'b', variable: 'e' },
      { deviceId: 'c', variable: 'e' },
    ]);
    expect(found.sort((x, y) => (`${x.deviceId}${x.variable}` < `${y.deviceId}${y.variable}` ? -1 : 1))).toEqual([
      {
        deviceId: 'a',
        variable: 'e',
        ts: T('2026-05-01T00:15:00Z'),
        value: 2.5,
        quality: 'substituted',
        ingestedAt: T('2026-06-02T00:00:00Z'),
      },
      {
        deviceId: 'a',
        variable: 'p',
        ts: T('2026-05-01T00:05:00Z'),
        value: 7,
        quality: 'measured',
        ingestedAt: T('2026-06-01T00:00:00Z'),
      },
      {
        deviceId: 'b',
        variable: 'e',
        ts: T('2026-04-01T00:00:00Z'),
        value: 50,
        quality: 'measured',
        ingestedAt: T('2026-06-01T00:00:00Z'),
      },
    ]);
    expect(await store.latest([])).toEqual([]);
  });

  it('a database written before series_newest existed answers every series it stored once migrated', async () => {
    const { store: old, database } = await freshStore();
    await old.insert(
      [reading('a', 'e', '2026-05-01T00:00:00Z', 1), reading('a', 'e', '2026-05-01T00:15:00Z', 2)],
      'old-1',
    );
    await old.insert([reading('a', 'e', '2026-05-01T00:15:00Z', 3, 'estimated', T('2026-06-03T00:00:00Z'))], 'old-2');
    // What version 6 left: no series_newest, no record of version 7.
    for (const query of [
      `DROP VIEW ${database}.series_newest_mv`,
      `DROP TABLE ${database}.series_newest`,
      `DELETE FROM ${database}.schema_migrations WHERE version = 7`,
    ])
      await clickhouse().command({ query });

    const upgraded = createClickHouseMeasurementsStore({ client: clickhouse(), database });
    await upgraded.migrate();
    // Interrupted before its record: run again, it folds the stored readings in once more.
    await clickhouse().command({ query: `DELETE FROM ${database}.schema_migrations WHERE version = 7` });
    await upgraded.migrate();
    await upgraded.insert([reading('b', 'e', '2026-05-02T00:00:00Z', 5)], 'new-1');
    const found = await upgraded.latest([
      { deviceId: 'a', variable: 'e' },
      { deviceId: 'b', variable: 'e' },
    ]);
    expect(found.sort((x, y) => (x.deviceId < y.deviceId ? -1 : 1))).toEqual([
      {
        deviceId: 'a',
        variable: 'e',
        ts: T('2026-05-01T00:15:00Z'),
        value: 3,
        quality: 'estimated',
        ingestedAt: T('2026-06-03T00:00:00Z'),
      },
      {
        deviceId: 'b',
        variable: 'e',
        ts: T('2026-05-02T00:00:00Z'),
        value: 5,
        quality: 'measured',
        ingestedAt: T('2026-06-01T00:00:00Z'),
      },
    ]);
  });
});
