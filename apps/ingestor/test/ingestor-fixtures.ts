import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BusUnavailableError,
  EmbeddedEventBus,
  medidoTopics,
  type EventBus,
  type IncomingRecord,
  type OutgoingRecord,
} from '@medido/event-bus';
import { loadConfig, type Config } from '@medido/platform';
import { eventually } from '@medido/platform/testing/eventually';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildIngestorApp, type IngestorAppOptions } from '../src/app.ts';

export const INGEST_TOKEN = randomBytes(32).toString('base64url');
export const ADMIN_TOKEN = randomBytes(32).toString('base64url');
export const auth = (token: string) => ({ authorization: `Bearer ${token}` });

export function testConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig(
    {},
    { MEDIDO_INGEST_TOKENS: INGEST_TOKEN, MEDIDO_ADMIN_TOKENS: ADMIN_TOKEN, LOG_LEVEL: 'silent', ...overrides },
  );
}

export function reading(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    deviceId: 'dev-1',
    variable: 'active_energy_import',
    ts: '2026-04-04T03:00:00.000Z',
    value: 1234.567,
    quality: 'measured',
    ...overrides,
  };
}

/** An embedded bus in a fresh directory, with Medido's topics; `dispose` closes and deletes it. */
export async function embeddedBus(): Promise<{ bus: EmbeddedEventBus; dispose: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'medido-ingestor-'));
  const bus = new EmbeddedEventBus({ path: join(dir, 'bus.sqlite') });
  await bus.ensureTopics(medidoTopics());
  return {
    bus,
    dispose: async () => {
      await bus.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Everything on `topic` from the start, once the group caught up (lag 0) with at least `min` records. */
export async function readBack(bus: EventBus, topic: string, min = 1): Promise<IncomingRecord[]> {
  const seen: IncomingRecord[] = [];
  const sub = await bus.subscribe({
    groupId: `reader-${randomBytes(4).toString('hex')}`,
    topics: [topic],
    eachBatch: async (b) => {
      seen.push(...b.records);
    },
  });
  try {
    await eventually(
      async () => seen.length >= min && (await sub.lag())[topic] === 0,
      `${min} records on ${topic}`,
      60_000,
    );
  } finally {
    await sub.stop();
  }
  return seen;
}

/** A CloudEvent as read back, loosely typed for assertions. */
export interface EventJson {
  [member: string]: unknown;
  id: string;
  type: string;
  subject: string;
  data: { [member: string]: unknown; readings: { value: number }[]; grants: string[] };
}
export const json = (record: IncomingRecord) => JSON.parse(record.value!.toString()) as EventJson;

/** A bus that can be switched off: while off, publish and ping reject like an unreachable broker. */
export class SwitchableBus implements EventBus {
  available = true;
  readonly inner: EventBus;
  published = 0;
  constructor(inner: EventBus) {
    this.inner = inner;
  }
  async publish(topic: string, records: OutgoingRecord[]) {
    if (!this.available) throw new BusUnavailableError('switched off');
    await this.inner.publish(topic, records);
    this.published += records.length;
  }
  subscribe: EventBus['subscribe'] = (options) => this.inner.subscribe(options);
  ensureTopics: EventBus['ensureTopics'] = (topics) => this.inner.ensureTopics(topics);
  async ping() {
    if (!this.available) throw new BusUnavailableError('switched off');
    await this.inner.ping();
  }
  close: EventBus['close'] = () => this.inner.close();
}

export interface SwitchableIngestor {
  app: FastifyInstance;
  /** What the app publishes to: counts its records, and can be switched off. */
  bus: SwitchableBus;
  /** The embedded bus behind it, to read back what was published. */
  embedded: EmbeddedEventBus;
}

/**
 * For a spec file: an ingestor app (`config` over testConfig's, `options` as given) on a fresh embedded bus
 * behind a SwitchableBus, built before the file's tests and closed after them. Its members are set in
 * beforeAll: read them inside the tests.
 */
export function switchableIngestor(
  config: Partial<Config> = {},
  options: Omit<IngestorAppOptions, 'config' | 'bus'> = {},
): SwitchableIngestor {
  const ingestor = {} as SwitchableIngestor;
  let dispose = async () => {};
  beforeAll(async () => {
    const fresh = await embeddedBus();
    dispose = fresh.dispose;
    ingestor.embedded = fresh.bus;
    ingestor.bus = new SwitchableBus(fresh.bus);
    ingestor.app = buildIngestorApp({ config: testConfig(config), bus: ingestor.bus, ...options });
  });
  afterAll(async () => {
    await ingestor.app?.close();
    await dispose();
  });
  return ingestor;
}
