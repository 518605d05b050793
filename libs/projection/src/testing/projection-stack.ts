import { randomBytes } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { MongoClient, type MongoClientOptions } from 'mongodb';
import { pino, type Logger } from 'pino';
import { createMongoCatalogStore, type CatalogStore } from '@medido/catalog';
import { TOPICS } from '@medido/contracts';
import { KafkaEventBus, medidoTopics, type BackoffOptions } from '@medido/event-bus';
import { createClickHouseMeasurementsStore, type ClickHouseMeasurementsStore } from '@medido/measurements';
import type { DeadLetter } from '../dead-letter.ts';
import { startProjector, type Projector, type ProjectorDeps } from '../projector.ts';
import { eventually } from '@medido/platform/testing/eventually';
import { projectorLag, readTopic } from './kafka-probe.ts';

/**
 * Everything a projection test needs on real services, isolated by one name: Kafka topics and consumer
 * groups under its own prefix, its own MongoDB database and its own ClickHouse database.
 */
export interface StackOptions {
  brokers: string[];
  mongoUrl: string;
  /** A client for the ClickHouse engine (chDB in tests); the stack never closes it. */
  clickhouse: ClickHouseClient;
  name: string;
  /** Re-delivery backoff of a failed batch; short by default so fault tests recover quickly. */
  retryBackoff?: BackoffOptions;
  mongoClientOptions?: MongoClientOptions;
  /** The MongoDB server holding the catalog, when not `mongoUrl` (an outage test's own server). */
  catalogUrl?: string;
  logger?: Logger;
}

export interface ProjectionStack {
  prefix: string;
  bus: KafkaEventBus;
  admin: Admin;
  measurements: ClickHouseMeasurementsStore;
  catalog: CatalogStore;
  clickhouseDatabase: string;
  mongoDatabase: string;
  logger: Logger;
  /** A projector on this stack's bus and stores (or others given). */
  startProjector(overrides?: Partial<ProjectorDeps>): Promise<Projector>;
  /** Resolves once the projector's groups have committed everything on their topics. */
  waitForProjection(projector: Pick<Projector, 'lag'>, timeoutMs?: number): Promise<void>;
  /** Pending records of the default projector groups, read with the admin client (works for a child process). */
  lag(): Promise<number>;
  deadLetters(count: number): Promise<DeadLetter[]>;
  /** A fresh measurements store on a new, migrated database of the same engine. */
  freshMeasurements(): Promise<ClickHouseMeasurementsStore>;
  /** A fresh catalog store on a new, migrated database of the same server. */
  freshCatalog(): Promise<CatalogStore>;
  dispose(): Promise<void>;
}

export async function openProjectionStack(options: StackOptions): Promise<ProjectionStack> {
  const suffix = randomBytes(3).toString('hex');
  const prefix = `${options.name}_${suffix}_`;
  const logger = options.logger ?? pino({ level: 'silent' });
  const bus = new KafkaEventBus({
    brokers: options.brokers,
    topicPrefix: prefix,
    logger,
    maxWaitTimeInMs: 100,
    sessionTimeoutMs: 6_000,
    retryBackoff: options.retryBackoff ?? { initialMs: 100, maxMs: 1_000 },
  });
  await bus.ensureTopics(medidoTopics());
  const admin = new Kafka({ brokers: options.brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();

  const mongo = new MongoClient(options.catalogUrl ?? options.mongoUrl, options.mongoClientOptions);
  const databases = { clickhouse: [] as string[], mongo: [] as string[] };
  const freshMeasurements = async () => {
    const database = `${options.name}_${suffix}_ch${databases.clickhouse.length}`;
    databases.clickhouse.push(database);
    const store = createClickHouseMeasurementsStore({ client: options.clickhouse, database });
    await store.migrate();
    return store;
  };
  const freshCatalog = async () => {
    const database = `${options.name}_${suffix}_cat${databases.mongo.length}`;
    databases.mongo.push(database);
    const store = createMongoCatalogStore({ client: mongo, database });
    await store.migrate();
    return store;
  };
  const measurements = await freshMeasurements();
  const catalog = await freshCatalog();
  const projectors: Projector[] = [];

  return {
    prefix,
    bus,
    admin,
    measurements,
    catalog,
    logger,
    clickhouseDatabase: databases.clickhouse[0]!,
    mongoDatabase: databases.mongo[0]!,
    freshMeasurements,
    freshCatalog,
    async startProjector(overrides = {}) {
      const projector = await startProjector({ bus, measurements, catalog, logger, ...overrides });
      projectors.push(projector);
      return projector;
    },
    async waitForProjection(projector, timeoutMs = 60_000) {
      await eventually(
        async () => Object.values(await projector.lag()).every((n) => n === 0),
        'the projector to catch up',
        timeoutMs,
      );
    },
    async lag() {
      return projectorLag(admin, prefix);
    },
    async deadLetters(count) {
      const records = await readTopic(options.brokers, prefix + TOPICS.deadLetter, count);
      return records.map((r) => JSON.parse(r.value!.toString('utf8')) as DeadLetter);
    },
    async dispose() {
      await Promise.allSettled(projectors.map((p) => p.stop()));
      await bus.close();
      const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
      await admin.deleteTopics({ topics }).catch(() => undefined);
      await admin.disconnect();
      for (const database of databases.clickhouse)
        await options.clickhouse.command({ query: `DROP DATABASE IF EXISTS ${database}` }).catch(() => undefined);
      for (const database of databases.mongo)
        await mongo
          .db(database)
          .dropDatabase()
          .catch(() => undefined);
      await mongo.close();
    },
  };
}
