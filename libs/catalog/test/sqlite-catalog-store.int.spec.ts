import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteCatalogStore } from '../src/sqlite/sqlite-catalog-store.ts';
import { describeCatalogStoreContract } from '../src/testing/catalog-store.contract.ts';
import { HISTORY } from '../src/testing/catalog-history.fixture.ts';
import { expectedSnapshot, readEverything } from '../src/testing/catalog-snapshot.ts';

const dir = mkdtempSync(join(tmpdir(), 'medido-catalog-'));
let stores = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeCatalogStoreContract('node:sqlite', () =>
  createSqliteCatalogStore({ path: join(dir, `catalog-${++stores}.sqlite`) }),
);

describe('node:sqlite catalog file', () => {
  it('keeps everything across a restart, in WAL mode', async () => {
    const path = join(dir, 'restart.sqlite');
    const first = createSqliteCatalogStore({ path });
    for (const e of HISTORY) await first.apply(e);
    await first.close();

    const second = createSqliteCatalogStore({ path });
    await second.migrate();
    expect(await readEverything(second)).toEqual(expectedSnapshot());
    await second.close();

    const raw = new DatabaseSync(path);
    expect(raw.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    raw.close();
  });
});
