import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChangeFilter, ChangeRecord } from '../src/change-log.port.ts';
import { withRecentChanges } from '../src/recent-changes.ts';
import { createSqliteCatalogStore } from '../src/sqlite/sqlite-catalog-store.ts';
import { change, describeChangeLogContract } from '../src/testing/change-log.contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'medido-recent-changes-'));
let stores = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function sqliteStore() {
  const store = createSqliteCatalogStore({ path: join(dir, `catalog-${++stores}.sqlite`) });
  await store.migrate();
  return store;
}

// The window in front of a real store keeps the store's contract.
describe('change log with the in-process window', () => {
  describeChangeLogContract(async () => withRecentChanges(await sqliteStore()));
});

/** A small deterministic generator: the same sequence of appends and reads on every run. */
function random(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

describe('the in-process window answers what the store answers', () => {
  it('for every cursor, filter and page size, and the newest cursor, across re-derived ids, a failed append and a full window', async () => {
    const store = await sqliteStore();
    // A first change from an earlier process: the window starts after it.
    await store.appendChanges([change('before-0')]);
    const windowed = withRecentChanges(store, 40);
    const next = random(7);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
    const filters: ChangeFilter[] = [
      {},
      { organizationIds: ['org-1'] },
      { organizationIds: [] },
      { installationIds: ['inst-2'] },
      { unitId: 'unit-1' },
      { deviceIds: ['dev-2', 'dev-3'] },
      { types: ['bucket.changed'] },
      { organizationIds: ['org-1', 'org-2'], deviceIds: ['dev-1'], types: ['measurements.available'] },
    ];
    let made = 0;
    const ids: string[] = [];
    let failed = false;
    for (let round = 0; round < 60; round++) {
      const batch = Array.from({ length: 1 + Math.floor(next() * 6) }, () => {
        // A third of them re-derive an id the log already holds.
        if (ids.length > 0 && next() < 0.33) return change(pick(ids));
        const id = `c-${++made}`;
        ids.push(id);
        const device = pick(['dev-1', 'dev-2', 'dev-3']);
        return change(id, {
          organizationId: pick(['org-1', 'org-2']),
          installationId: pick(['inst-1', 'inst-2']),
          ...(next() < 0.5 ? { unitId: 'unit-1' } : {}),
          type: pick(['measurements.available', 'bucket.changed'] as const),
          deviceIds: [device],
        });
      });
      if (round === 20) {
        // A failure half-way: the store kept the first change, the window never heard of it.
        const original = store.appendChanges.bind(store);
        store.appendChanges = async (changes, options) => {
          await original(changes.slice(0, 1), options);
          throw new Error('store went away');
        };
        await expect(windowed.appendChanges(batch)).rejects.toThrow('store went away');
        store.appendChanges = original;
        failed = true;
      } else {
        await windowed.appendChanges(batch);
      }
      expect(await windowed.latestCursor()).toBe(await store.latestCursor());
      const all = await store.changesAfter({}, undefined, 10_000);
      const cursors = [undefined, ...all.map((c: ChangeRecord) => c.cursor)];
      for (let probe = 0; probe < 10; probe++) {
        const filter = pick(filters);
        const after = pick(cursors);
        const limit = 1 + Math.floor(next() * 8);
        expect(await windowed.changesAfter(filter, after, limit)).toEqual(
          await store.changesAfter(filter, after, limit),
        );
      }
    }
    expect(failed).toBe(true);
    expect(made).toBeGreaterThan(40); // the window (40) filled and moved
  });
});

describe('the in-process window tells readers beside the writer', () => {
  it('calls onAppended after an append that stored new changes, not after one that stored only known ids', async () => {
    const windowed = withRecentChanges(await sqliteStore());
    let calls = 0;
    windowed.onAppended!(() => calls++);
    await windowed.appendChanges([change('a'), change('b')]);
    expect(calls).toBe(1);
    await windowed.appendChanges([change('a')]);
    expect(calls).toBe(1);
    await windowed.appendChanges([change('c')]);
    expect(calls).toBe(2);
  });
});
