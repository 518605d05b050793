import { beforeAll, describe, expect, it } from 'vitest';
import type { ClickHouseMeasurementsStore } from '../src/clickhouse-measurements-store.ts';
import { freshStore, reading } from './store-fixture.ts';

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
});
