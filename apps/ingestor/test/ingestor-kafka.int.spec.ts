import { randomUUID } from 'node:crypto';
import { TOPICS, decodeEvent } from '@medido/contracts';
import { KafkaEventBus, medidoTopics, partitionForKey, type EventBus } from '@medido/event-bus';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readTopic, type RawRecord } from '@medido/projection/testing/kafka-probe';
import { buildIngestorApp } from '../src/app.ts';
import { ADMIN_TOKEN, INGEST_TOKEN, auth, reading, testConfig } from './ingestor-fixtures.ts';

/**
 * Reads `count` records of a physical topic with a plain kafkajs consumer (independent of the bus
 * adapter), each with the topic it came from.
 */
const readRaw = async (topic: string, count: number) =>
  (await readTopic(inject('kafkaBrokers'), topic, count, 60_000)).map((record) => ({ topic, ...record }));
const parse = (r: RawRecord) => JSON.parse(r.value!.toString());

const prefix = `ingestor_${randomUUID().slice(0, 8)}_`;
let bus: KafkaEventBus;
let app: FastifyInstance;
beforeAll(async () => {
  bus = new KafkaEventBus({ brokers: inject('kafkaBrokers'), topicPrefix: prefix });
  await bus.ensureTopics(medidoTopics());
  app = buildIngestorApp({ config: testConfig(), bus });
});
afterAll(async () => {
  await app.close();
  await bus.close();
});

describe('ingestor on a real Kafka broker', () => {
  it('publishes exactly the envelope, key, topic and headers it acknowledged', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/ingest/measurements',
      headers: { ...auth(INGEST_TOKEN), 'x-request-id': 'trace-1' },
      payload: {
        readings: [
          reading({ deviceId: 'k-1', ts: '2026-04-04T00:00:00-03:00', value: 10 }),
          reading({ deviceId: 'k-1', ts: '2026-04-04T00:15:00-03:00', value: 10.25 }),
        ],
      },
    });
    expect(res.statusCode).toBe(202);
    const [record] = await readRaw(`${prefix}${TOPICS.measurements}`, 1);
    expect(record!.topic).toBe(`${prefix}medido.measurements.v1`);
    expect(record!.partition).toBe(partitionForKey('k-1', 8));
    expect(record!.key!.toString()).toBe('k-1');
    expect(record!.headers).toEqual({
      'content-type': 'application/cloudevents+json; charset=utf-8',
      'ce-type': 'MeasurementsRecorded',
      'medido-request-id': 'trace-1',
    });
    const event = parse(record!);
    expect(decodeEvent(event).ok).toBe(true);
    expect(Object.keys(event).sort()).toEqual([
      'data',
      'datacontenttype',
      'dataschema',
      'id',
      'source',
      'specversion',
      'subject',
      'time',
      'type',
    ]);
    expect(event).toMatchObject({
      specversion: '1.0',
      type: 'MeasurementsRecorded',
      source: '/medido/ingestor',
      subject: 'k-1',
      datacontenttype: 'application/json',
      dataschema: 'urn:medido:MeasurementsRecorded:v1',
    });
    expect(event.data).toEqual({
      deviceId: 'k-1',
      readings: [
        { variable: 'active_energy_import', ts: '2026-04-04T03:00:00.000Z', value: 10, quality: 'measured' },
        { variable: 'active_energy_import', ts: '2026-04-04T03:15:00.000Z', value: 10.25, quality: 'measured' },
      ],
    });

    // Grants change only a consumer the command side knows: create it first.
    const created = await app.inject({
      method: 'POST',
      url: '/v1/admin/consumers',
      payload: { consumerId: 'c-k', name: 'K', email: 'k@example.cl', subject: 'idp|k' },
      headers: auth(ADMIN_TOKEN),
    });
    expect(created.statusCode).toBe(202);
    const admin = await app.inject({
      method: 'PUT',
      url: '/v1/admin/consumers/c-k/grants',
      payload: { grants: ['org-1'] },
      headers: auth(ADMIN_TOKEN),
    });
    expect(admin.statusCode).toBe(202);
    const [, consumerRecord] = await readRaw(`${prefix}${TOPICS.consumers}`, 2);
    expect(consumerRecord!.key!.toString()).toBe('c-k');
    expect(parse(consumerRecord!)).toMatchObject({
      id: admin.json().eventId,
      type: 'ApiConsumerGrantChanged',
      data: { consumerId: 'c-k', grants: ['org-1'] },
    });
  });

  it("accepts a 100 000-reading batch and keeps each device's order across partitions", async () => {
    const devices = Array.from({ length: 40 }, (_, d) => `big-${d}`);
    const start = Date.parse('2026-01-01T00:00:00Z');
    // Interleaved: device d's n-th reading is at index n*40+d, 2 500 per device (two events each).
    const readings = Array.from({ length: 100_000 }, (_, i) => ({
      deviceId: devices[i % 40]!,
      variable: 'active_energy_import',
      ts: new Date(start + Math.floor(i / 40) * 60_000).toISOString(),
      value: i,
    }));
    const res = await app.inject({
      method: 'POST',
      url: '/v1/ingest/measurements',
      payload: { readings },
      headers: auth(INGEST_TOKEN),
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ accepted: 100_000, rejected: [] });

    const records = await readRaw(`${prefix}${TOPICS.measurements}`, 1 + 80);
    const big = records.filter((r) => r.key!.toString().startsWith('big-'));
    expect(big).toHaveLength(80);
    expect(new Set(big.map((r) => r.partition)).size).toBeGreaterThan(1);
    for (const device of devices) {
      const mine = big.filter((r) => r.key!.toString() === device);
      expect(new Set(mine.map((r) => r.partition))).toEqual(new Set([partitionForKey(device, 8)]));
      const values = mine.flatMap((r) => parse(r).data.readings.map((x: { value: number }) => x.value));
      const d = Number(device.slice(4));
      expect(values).toEqual(Array.from({ length: 2500 }, (_, n) => n * 40 + d));
    }
  });

  it('answers 503 while the broker is unreachable, then the same request succeeds', async () => {
    const dead = new KafkaEventBus({ brokers: ['127.0.0.1:1'], topicPrefix: prefix, ackTimeoutMs: 1000 });
    const slot: { current: EventBus } = { current: dead };
    const delegating: EventBus = {
      publish: (t, r) => slot.current.publish(t, r),
      subscribe: (o) => slot.current.subscribe(o),
      ensureTopics: (t) => slot.current.ensureTopics(t),
      ping: () => slot.current.ping(),
      close: async () => undefined,
    };
    const outageApp = buildIngestorApp({ config: testConfig(), bus: delegating });
    const eventId = randomUUID();
    const request = {
      method: 'POST' as const,
      url: '/v1/ingest/catalog',
      headers: auth(INGEST_TOKEN),
      payload: {
        events: [{ id: eventId, type: 'OrganizationRenamed', data: { organizationId: 'org-r', name: 'Renamed' } }],
      },
    };
    try {
      const refused = await outageApp.inject(request);
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('5');
      expect(refused.json()).toMatchObject({ code: 'EVENT_BUS_UNAVAILABLE' });
      expect(refused.json()).not.toHaveProperty('accepted');

      slot.current = bus;
      const accepted = await outageApp.inject(request);
      expect(accepted.statusCode).toBe(202);
      expect(accepted.json()).toEqual({ accepted: 1, rejected: [] });
      const [record] = await readRaw(`${prefix}${TOPICS.catalog}`, 1);
      expect(parse(record!)).toMatchObject({ id: eventId, type: 'OrganizationRenamed', subject: 'org-r' });
    } finally {
      await outageApp.close();
      await dead.close();
    }
  });
});
