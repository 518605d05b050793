import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSqliteCatalogStore, type CatalogStore } from '@medido/catalog';
import { meteredInstallation, organization } from '@medido/catalog/testing/catalog-history.fixture';
import { decodeEvent, TOPICS } from '@medido/contracts';
import { EmbeddedEventBus, medidoTopics, type EventBus } from '@medido/event-bus';
import { Credentials, ingestorPlugin } from '@medido/ingest';
import { createClickHouseMeasurementsStore, type MeasurementsStore } from '@medido/measurements';
import { problemHandler } from '@medido/platform';
import { startProjector, type Projector } from '@medido/projection';
import { eventually as until } from '@medido/platform/testing/eventually';
import { readTopic } from '@medido/projection/testing/kafka-probe';
import { testClickHouse, uniqueName } from '../../../test/fixtures.ts';
import { createAccessRecorder } from '../src/access/access-recorder.ts';
import { readApi } from '../src/read-api.plugin.ts';
import { testTokens } from './fakes/tokens.ts';
import { stackOnTestServices } from './support/stack-api.ts';

/**
 * Accountability end to end on real services: a consumer reads measurements of two meters through the
 * read API; the access record travels through the event bus, the projector writes it into the access
 * read model, and an admin lists it on the ingestor's admin endpoint. Only the admin credential lists
 * it. Twice: on Kafka and FerretDB, and on the embedded default's bus and node:sqlite catalog.
 */
const E = 'active_energy_import';
const ADMIN = 'admin-credential-0123456789abcdef';
const INGEST = 'ingest-credential-0123456789abcdef';
const H = 3_600_000;
const DEVICES = ['dev-1', 'dev-2', 'dev-3'];

interface Stack {
  bus: EventBus;
  catalog: CatalogStore;
  measurements: MeasurementsStore;
  projector: Projector;
  /** The raw access records on Kafka (null: the embedded bus has no Kafka topic to read). */
  accessRecords: ((count: number) => Promise<{ key: Buffer | null; value: Buffer | null }[]>) | null;
  dispose(): Promise<void>;
}

async function kafkaStack(): Promise<Stack> {
  const stack = await stackOnTestServices('access');
  const projector = await stack.startProjector();
  return {
    bus: stack.bus,
    catalog: stack.catalog,
    measurements: stack.measurements,
    projector,
    accessRecords: (count) => readTopic(inject('kafkaBrokers'), stack.prefix + TOPICS.access, count),
    async dispose() {
      await projector.stop();
      await stack.dispose();
    },
  };
}

async function embeddedStack(): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'medido-access-'));
  const bus = new EmbeddedEventBus({ path: join(dir, 'bus.sqlite') });
  await bus.ensureTopics(medidoTopics());
  const catalog = createSqliteCatalogStore({ path: join(dir, 'catalog.sqlite') });
  const measurements = createClickHouseMeasurementsStore({
    client: testClickHouse(inject('clickhouseUrl')),
    database: uniqueName('access'),
  });
  await measurements.migrate();
  const projector = await startProjector({ bus, measurements, catalog, logger: pino({ level: 'silent' }) });
  return {
    bus,
    catalog,
    measurements,
    projector,
    accessRecords: null,
    async dispose() {
      await projector.stop();
      await bus.close();
      await catalog.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe.each([
  ['Kafka and FerretDB', kafkaStack],
  ['the embedded bus and node:sqlite', embeddedStack],
])('access records on %s', (_name, open) => {
  let stack: Stack;
  let api: FastifyInstance;
  let ingestor: FastifyInstance;
  const tokens = testTokens();

  beforeAll(async () => {
    stack = await open();
    for (const e of [organization('org-pub', 'public'), ...meteredInstallation('inst-1', 'org-pub', DEVICES)])
      await stack.catalog.apply(e);
    const t0 = Date.parse('2026-04-04T00:00:00Z');
    await stack.measurements.insert(
      DEVICES.flatMap((deviceId) =>
        Array.from({ length: 7 }, (_, h) => ({
          deviceId,
          variable: E,
          ts: t0 + h * H,
          value: 100 + h,
          quality: 'measured' as const,
          ingestedAt: t0 + 7 * H,
        })),
      ),
      uniqueName('access-readings'),
    );

    api = Fastify({ logger: false, requestIdHeader: 'x-request-id' });
    await api.register(problemHandler);
    await api.register(readApi, {
      catalog: stack.catalog,
      measurements: stack.measurements,
      verifier: tokens.verifier,
      cursorKeys: [Buffer.alloc(32, 5)],
      rateLimitPerMinute: 1_000,
      accessRecorder: createAccessRecorder({ bus: stack.bus, logger: pino({ level: 'silent' }) }),
    });
    ingestor = Fastify({ logger: false });
    await ingestor.register(problemHandler);
    await ingestor.register(ingestorPlugin, {
      bus: stack.bus,
      credentials: Credentials.fromLists({ ingest: INGEST, admin: ADMIN }),
      maxBodyBytes: 1_000_000,
      consumers: stack.catalog,
    });
  });

  afterAll(async () => {
    await api?.close(); // flushes the recorder before the bus closes
    await ingestor?.close();
    await stack?.dispose();
  });

  const listAccess = (query: string, authorization?: string) =>
    ingestor.inject({
      method: 'GET',
      url: `/v1/admin/access?${query}`,
      headers: authorization ? { authorization } : {},
    });

  it('lets an admin list who read which meters: devices, window and rows of the answer', async () => {
    const url = `/v1/measurements?installationId=inst-1&deviceIds=dev-1,dev-2&variables=${E}&from=2026-04-04T01:00:00Z&to=2026-04-04T05:00:00Z&frequency=1h&timezone=UTC`;
    const read = await api.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${tokens.consumer('c-reader')}`, 'x-request-id': 'trace-access-1' },
    });
    expect(read.statusCode).toBe(200);
    const points = (read.json() as { devices: { variables: { points: unknown[] }[] }[] }).devices.flatMap((d) =>
      d.variables.flatMap((v) => v.points),
    );
    expect(points).toHaveLength(8); // 4 hourly buckets × 2 meters

    if (stack.accessRecords) {
      const [record] = await stack.accessRecords(1);
      expect(record?.key?.toString()).toBe('c-reader');
      expect(decodeEvent(JSON.parse(record!.value!.toString()))).toMatchObject({
        ok: true,
        event: { type: 'ApiReadAnswered', subject: 'c-reader' },
      });
    }

    let page: { items: Record<string, unknown>[]; next: string | null } = { items: [], next: null };
    await until(
      async () => {
        page = (await listAccess('consumerId=c-reader', `Bearer ${ADMIN}`)).json();
        return page.items.length > 0;
      },
      'the access record to be projected',
      30_000,
    );
    expect(page).toEqual({
      items: [
        expect.objectContaining({
          consumerId: 'c-reader',
          route: '/v1/measurements',
          url,
          status: 200,
          requestId: 'trace-access-1',
          organizationIds: ['org-pub'],
          installationIds: ['inst-1'],
          unitId: null,
          deviceIds: ['dev-1', 'dev-2'],
          from: '2026-04-04T01:00:00.000Z',
          to: '2026-04-04T05:00:00.000Z',
          rows: 8,
        }),
      ],
      next: null,
    });
    expect((await listAccess('organizationId=org-pub', `Bearer ${ADMIN}`)).json().items).toEqual(page.items);
    expect((await listAccess('organizationId=org-other', `Bearer ${ADMIN}`)).json()).toEqual({ items: [], next: null });
  });

  it('refuses the listing to a consumer token, an ingest credential and no credential', async () => {
    const consumerToken = tokens.consumer('c-reader');
    const asConsumer = await listAccess('consumerId=c-reader', `Bearer ${consumerToken}`);
    expect(asConsumer.statusCode).toBe(401);
    expect(asConsumer.json()).toMatchObject({ code: 'AUTH_CREDENTIAL_INVALID' });
    expect(asConsumer.body).not.toContain('trace-access-1');
    expect((await listAccess('consumerId=c-reader', `Bearer ${INGEST}`)).json()).toMatchObject({
      code: 'AUTH_FORBIDDEN',
    });
    expect((await listAccess('consumerId=c-reader')).json()).toMatchObject({ code: 'AUTH_TOKEN_MISSING' });
    // The read API itself offers no way to it.
    const onApi = await api.inject({
      method: 'GET',
      url: '/v1/admin/access?consumerId=c-reader',
      headers: { authorization: `Bearer ${consumerToken}` },
    });
    expect(onApi.statusCode).toBe(404);
  });
});
