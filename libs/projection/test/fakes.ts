import type { CatalogWriter } from '@medido/catalog';
import type { CatalogEvent, ConsumerEvent } from '@medido/contracts';
import type { EventBus, IncomingRecord, OutgoingRecord, RecordBatch } from '@medido/event-bus';
import { ReadingsRefusedError, type MeasurementsStore, type StoredReading } from '@medido/measurements';

/** Records what the projector publishes; can be told to fail like an unreachable broker. */
export function fakeBus(): EventBus & { published: { topic: string; records: OutgoingRecord[] }[]; failing: boolean } {
  const bus = {
    published: [] as { topic: string; records: OutgoingRecord[] }[],
    failing: false,
    async publish(topic: string, records: OutgoingRecord[]) {
      if (bus.failing) throw new Error('broker unreachable');
      bus.published.push({ topic, records });
    },
    subscribe: async () => {
      throw new Error('not used');
    },
    ensureTopics: async () => {},
    ping: async () => {},
    close: async () => {},
  };
  return bus;
}

/**
 * Records inserts. `refuses(row)`: such rows make the whole insert fail as the real store refuses bad
 * data (ReadingsRefusedError); `unavailable`: every insert fails like an outage. Only successful inserts
 * are recorded; `attempts` lists every token tried.
 */
export function fakeMeasurements(options: { refuses?: (row: StoredReading) => boolean } = {}): MeasurementsStore & {
  inserts: { rows: StoredReading[]; token: string }[];
  attempts: string[];
  unavailable: boolean;
} {
  const store = {
    inserts: [] as { rows: StoredReading[]; token: string }[],
    attempts: [] as string[],
    unavailable: false,
    migrate: async () => {},
    async insert(rows: StoredReading[], token: string) {
      store.attempts.push(token);
      if (store.unavailable)
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8123'), { code: 'ECONNREFUSED' });
      const bad = rows.find((r) => options.refuses?.(r));
      if (bad)
        throw new ReadingsRefusedError(`the measurements engine refused the readings: cannot read ${bad.deviceId}`, {
          engineCode: '41 CANNOT_PARSE_DATETIME',
        });
      store.inserts.push({ rows, token });
    },
    query: async () => [],
    lastSeen: async () => new Map<string, number>(),
    ping: async () => {},
    close: async () => {},
  };
  return store;
}

export function fakeCatalogWriter(): CatalogWriter & { applied: (CatalogEvent | ConsumerEvent)[] } {
  const writer = {
    applied: [] as (CatalogEvent | ConsumerEvent)[],
    async apply(event: CatalogEvent | ConsumerEvent) {
      writer.applied.push(event);
    },
  };
  return writer;
}

export function batchOf(topic: string, values: (string | object)[], firstOffset = 0): RecordBatch {
  const records: IncomingRecord[] = values.map((value, i) => ({
    topic,
    partition: 0,
    offset: String(firstOffset + i),
    key: Buffer.from(`key-${i}`),
    timestamp: 1_700_000_000_000,
    value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
    headers: { 'medido-request-id': Buffer.from('req-1') },
  }));
  return {
    topic,
    partition: 0,
    records,
    firstOffset: String(firstOffset),
    lastOffset: String(firstOffset + values.length - 1),
  };
}

export function measurementsEvent(
  id: string,
  deviceId: string,
  readings: { variable: string; ts: string; value: number }[],
) {
  return {
    specversion: '1.0',
    id,
    source: '/test',
    type: 'MeasurementsRecorded',
    time: '2026-04-04T03:00:00.000Z',
    subject: deviceId,
    data: { deviceId, readings },
  };
}
