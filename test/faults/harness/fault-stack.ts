import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { createMongoCatalogStore, type CatalogStore } from '@medido/catalog';
import type { CatalogEvent } from '@medido/contracts';
import { KafkaEventBus, medidoTopics, type BackoffOptions } from '@medido/event-bus';
import { loadConfig } from '@medido/platform';
import { publishCatalogEvents } from '@medido/projection/testing/catalog.fixture';
import { projectorLag } from '@medido/projection/testing/kafka-probe';
import { ENERGY } from '@medido/projection/testing/readings.fixture';
import { buildIngestorApp } from '../../../apps/ingestor/src/app.ts';

/**
 * The write side of a fault test on real services: its own topic prefix (topics and consumer groups),
 * an in-process ingestor on that prefix, and its own MongoDB database for the catalog.
 */
export interface FaultStack {
  prefix: string;
  brokers: string[];
  bus: KafkaEventBus;
  admin: Admin;
  ingestor: FastifyInstance;
  token: string;
  mongoDatabase: string;
  catalog: CatalogStore;
  /** Records the projector groups have not committed yet, read from the broker. */
  lag(): Promise<number>;
  /** Registers an organization, an installation and the devices (energy registers), through Kafka. */
  registerDevices(devices: string[]): Promise<void>;
  /**
   * The environment of a role run as its own process (projector, notifier) on this stack: its topic
   * prefix and catalog database, production mode, and `more`. The session timeout is the broker's
   * minimum, because a killed member holds its partitions until it runs out.
   */
  roleEnv(more: Record<string, string>): Record<string, string>;
  dispose(): Promise<void>;
}

export interface FaultStackOptions {
  brokers: string[];
  mongoUrl: string;
  name: string;
  /** How long a publish waits for the broker before the ingestor answers 503. */
  ackTimeoutMs?: number;
  /** Re-delivery backoff of a failed batch, for a projector on this stack's bus. */
  retryBackoff?: BackoffOptions;
}

/**
 * What a projector process needs besides `roleEnv`: its chDB in `dataDir` under `database` (no
 * ClickHouse server) and an HTTP port of its own choosing on loopback.
 */
export function chdbProjectorEnv(dataDir: string, database: string): Record<string, string> {
  return {
    MEDIDO_DATA_DIR: dataDir,
    MEDIDO_CLICKHOUSE_URL: '',
    MEDIDO_CLICKHOUSE_DATABASE: database,
    PORT: '0',
    HOST: '127.0.0.1',
  };
}

export async function openFaultStack(options: FaultStackOptions): Promise<FaultStack> {
  const suffix = randomBytes(3).toString('hex');
  const prefix = `${options.name}_${suffix}_`;
  const token = randomBytes(32).toString('base64url');
  const bus = new KafkaEventBus({
    brokers: options.brokers,
    topicPrefix: prefix,
    ackTimeoutMs: options.ackTimeoutMs ?? 3_000,
    sessionTimeoutMs: 6_000,
    ...(options.retryBackoff ? { retryBackoff: options.retryBackoff } : {}),
  });
  await bus.ensureTopics(medidoTopics());
  const admin = new Kafka({ brokers: options.brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const ingestor = buildIngestorApp({
    config: loadConfig({}, { MEDIDO_INGEST_TOKENS: token, LOG_LEVEL: 'silent' }),
    bus,
  });
  await ingestor.ready();
  const mongo = await new MongoClient(options.mongoUrl).connect();
  const mongoDatabase = `${options.name}_${suffix}`;
  const catalog = createMongoCatalogStore({ client: mongo, database: mongoDatabase });

  return {
    prefix,
    brokers: options.brokers,
    bus,
    admin,
    ingestor,
    token,
    mongoDatabase,
    catalog,
    async lag() {
      return projectorLag(admin, prefix);
    },
    roleEnv: (more) => ({
      MEDIDO_KAFKA_BROKERS: options.brokers.join(','),
      MEDIDO_KAFKA_TOPIC_PREFIX: prefix,
      MEDIDO_KAFKA_SESSION_TIMEOUT_MS: '6000',
      MEDIDO_MONGO_URL: options.mongoUrl,
      MEDIDO_MONGO_DATABASE: mongoDatabase,
      NODE_ENV: 'production',
      ...more,
    }),
    async registerDevices(devices) {
      const time = new Date().toISOString();
      const envelope = (type: CatalogEvent['type'], data: object): CatalogEvent =>
        ({
          specversion: '1.0',
          id: randomUUID(),
          source: '/tests/faults',
          type,
          time,
          datacontenttype: 'application/json',
          data,
        }) as CatalogEvent;
      await publishCatalogEvents(bus, [
        envelope('OrganizationRegistered', { organizationId: 'org-f', name: 'Fault tests', visibility: 'public' }),
        envelope('InstallationRegistered', {
          installationId: 'inst-f',
          organizationId: 'org-f',
          name: 'Plant',
          timezone: 'America/Santiago',
        }),
        ...devices.map((deviceId) =>
          envelope('DeviceRegistered', {
            deviceId,
            installationId: 'inst-f',
            variables: [{ name: ENERGY, unit: 'kWh', kind: 'cumulative' }],
          }),
        ),
      ]);
    },
    async dispose() {
      await ingestor.close();
      await bus.close();
      const topics = (await admin.listTopics().catch(() => [] as string[])).filter((t) => t.startsWith(prefix));
      if (topics.length > 0) await admin.deleteTopics({ topics }).catch(() => undefined);
      await admin.disconnect();
      await mongo
        .db(mongoDatabase)
        .dropDatabase()
        .catch(() => undefined);
      await mongo.close();
    },
  };
}
