import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, inject } from 'vitest';
import { createMongoCatalogStore, createSqliteCatalogStore, type CatalogStore } from '@medido/catalog';
import type { TestEvent } from '@medido/catalog/testing/catalog-events.fixture';
import {
  createClickHouseMeasurementsStore,
  type ClickHouseMeasurementsStore,
  type MeasurementsStore,
} from '@medido/measurements';
import { problemHandler } from '@medido/platform';
import { testClickHouse, uniqueName } from '../../../../test/fixtures.ts';
import { readApi } from '../../src/read-api.plugin.ts';
import { testTokens } from '../fakes/tokens.ts';

/** The catalog adapters the read API runs on in production; `describe.each` over them. */
export const CATALOG_ADAPTERS = ['FerretDB', 'node:sqlite'] as const;
export type CatalogAdapter = (typeof CATALOG_ADAPTERS)[number];

export interface RealStoresOptions {
  catalog: CatalogAdapter;
  /** Applied to the fresh, migrated catalog, in order. */
  history: readonly TestEvent[];
  /** Writes the spec's readings into the fresh, migrated chDB store (its own database). */
  seed(store: ClickHouseMeasurementsStore): Promise<unknown>;
  /** What the API reads measurements through; the store itself unless a spec wraps it (to count queries, say). */
  readThrough?(store: ClickHouseMeasurementsStore): MeasurementsStore;
  /** Also listen on a loopback port, for clients outside the process (pyarrow); inject alone otherwise. */
  listen?: boolean;
}

export interface RealStoresApp {
  /** The suite's own token issuer and verifier (the API trusts it), for tokens with grants. */
  readonly tokens: ReturnType<typeof testTokens>;
  /** A token of `consumer-1`, a consumer without grants: it sees public organizations only. */
  readonly consumer: string;
  /** Its loopback address, with `listen: true`. */
  readonly baseUrl: string;
  /** GET `url` as the holder of `token`, with extra request headers (accept, say). */
  getAs(token: string, url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

/**
 * The read API on real stores: a catalog on `catalog` (FerretDB in a database of its own, or node:sqlite in
 * a temporary folder) holding `history`, chDB measurements holding what `seed` writes, and the routes
 * mounted as production does (problem handler, cursor keys, a rate limit no test reaches). Call it in a
 * `describe` body: it registers that describe's `beforeAll` and `afterAll`, which build and close it all.
 */
export function realStoresApp(options: RealStoresOptions): RealStoresApp {
  const tokens = testTokens();
  let app: FastifyInstance | undefined;
  let catalog: CatalogStore | undefined;
  let sqliteDir: string | undefined;
  let baseUrl: string | undefined;

  beforeAll(async () => {
    catalog = createCatalog(options.catalog, (dir) => (sqliteDir = dir));
    await catalog.migrate();
    for (const e of options.history) await catalog.apply(e);
    const store = createClickHouseMeasurementsStore({
      client: testClickHouse(inject('clickhouseUrl')),
      database: uniqueName('db'),
    });
    await store.migrate();
    await options.seed(store);
    app = Fastify({ logger: false });
    await app.register(problemHandler);
    await app.register(readApi, {
      catalog,
      measurements: options.readThrough?.(store) ?? store,
      verifier: tokens.verifier,
      cursorKeys: [Buffer.alloc(32, 3)],
      rateLimitPerMinute: 10_000,
    });
    if (options.listen) baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    else await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await catalog?.close();
    if (sqliteDir) rmSync(sqliteDir, { recursive: true, force: true });
  });

  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`realStoresApp: no ${what} (before beforeAll, or not listening)`);
    return value;
  };
  return {
    tokens,
    consumer: tokens.consumer('consumer-1'),
    get baseUrl() {
      return ready(baseUrl, 'baseUrl');
    },
    getAs: (token, url, headers = {}) =>
      ready(app, 'app').inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}`, ...headers } }),
  };
}

function createCatalog(adapter: CatalogAdapter, madeDir: (dir: string) => void): CatalogStore {
  if (adapter === 'FerretDB')
    return createMongoCatalogStore({ url: inject('mongoUrl'), database: uniqueName('catalog') });
  const dir = mkdtempSync(join(tmpdir(), 'medido-real-stores-'));
  madeDir(dir);
  return createSqliteCatalogStore({ path: join(dir, 'catalog.sqlite') });
}
