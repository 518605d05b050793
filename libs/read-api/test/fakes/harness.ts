import Fastify, { type FastifyInstance } from 'fastify';
import type { StoredReading } from '@medido/measurements';
import { problemHandler } from '@medido/platform';
import { apiDocs } from '../../src/docs/api-docs.plugin.ts';
import { readApi, type ReadApiOptions } from '../../src/read-api.plugin.ts';
import { inMemoryAccessRecorder } from './access-recorder.ts';
import { inMemoryCatalog, type CatalogData } from './in-memory-catalog.ts';
import { inMemoryMeasurements } from './in-memory-measurements.ts';
import { testTokens } from './tokens.ts';
import { world } from './world.ts';

export interface Harness {
  app: FastifyInstance;
  tokens: ReturnType<typeof testTokens>;
  catalog: ReturnType<typeof inMemoryCatalog>;
  store: ReturnType<typeof inMemoryMeasurements>;
  /** Every access event the read API recorded. */
  access: ReturnType<typeof inMemoryAccessRecorder>;
  /** GET with a bearer token (or none), answering status, headers and parsed body. */
  get(
    url: string,
    token?: string | null,
    headers?: Record<string, string>,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are arbitrary JSON that tests walk into
  ): Promise<{ status: number; headers: Record<string, unknown>; body: any; text: string }>;
}

/** The read API on in-memory ports, as the app mounts it (problem handler first, docs before routes). */
export async function harness(
  options: { data?: CatalogData; readings?: StoredReading[]; overrides?: Partial<ReadApiOptions> } = {},
): Promise<Harness> {
  const tokens = testTokens();
  const catalog = inMemoryCatalog(options.data ?? world());
  const store = inMemoryMeasurements(options.readings ?? []);
  const access = inMemoryAccessRecorder();
  const app = Fastify({ logger: false });
  await app.register(problemHandler);
  await app.register(apiDocs, {});
  await app.register(readApi, {
    catalog,
    measurements: store,
    verifier: tokens.verifier,
    cursorKeys: [Buffer.alloc(32, 7)],
    rateLimitPerMinute: 10_000,
    organizationCacheTtlMs: 0,
    scopeSnapshotTtlMs: 0,
    accessRecorder: access,
    ...options.overrides,
  });
  await app.ready();
  return {
    app,
    tokens,
    catalog,
    store,
    access,
    async get(url, token, headers = {}) {
      const res = await app.inject({
        method: 'GET',
        url,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      });
      const type = String(res.headers['content-type'] ?? '');
      return {
        status: res.statusCode,
        headers: res.headers,
        text: res.body,
        body: type.includes('json') && res.body ? JSON.parse(res.body) : undefined,
      };
    },
  };
}
