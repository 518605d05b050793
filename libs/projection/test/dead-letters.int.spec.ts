import { Kafka, logLevel, type Message } from 'kafkajs';
import { TOPICS } from '@medido/contracts';
import { partitionForKey } from '@medido/event-bus';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Projector } from '../src/index.ts';
import { readTopic } from '../src/testing/kafka-probe.ts';
import type { ProjectionStack } from '../src/testing/projection-stack.ts';
import { ENERGY, measurementsEvent, registerReading, T0 } from '../src/testing/readings.fixture.ts';
import { openTestStack } from './test-stack.ts';

/**
 * Poison records written straight to Kafka (as a meter pipeline may): each lands in the dead-letter
 * topic with its reason, coordinates, original key, value and headers byte for byte, and the
 * records after it in the same partition are projected.
 */
let stack: ProjectionStack;
let projector: Projector;
beforeAll(async () => {
  stack = await openTestStack('projdl');
  projector = await stack.startProjector();
});
afterAll(async () => {
  await stack?.dispose();
});

describe('dead letters on Kafka', () => {
  it('dead-letters every kind of poison record with its reason and original bytes, and projects the records after it', async () => {
    const key = 'dev-p';
    const good1 = registerReading(key, 1);
    const good2 = registerReading(key, 2);
    const valid = measurementsEvent(key, [good1]);
    const poison: [string, Message['value']][] = [
      ['RECORD_NOT_JSON', Buffer.from([0xff, 0xfe, 0x7b, 0x00])],
      ['RECORD_NOT_JSON', null],
      ['EVENT_ENVELOPE_INVALID', JSON.stringify({ hello: 'world' })],
      ['EVENT_TYPE_UNKNOWN', JSON.stringify({ ...valid, id: 'p-unknown', type: 'MeterExploded' })],
      [
        'EVENT_DATA_INVALID',
        JSON.stringify({
          ...valid,
          id: 'p-data',
          data: { deviceId: key, readings: [{ variable: ENERGY, ts: new Date(T0).toISOString(), value: '12' }] },
        }),
      ],
      [
        'EVENT_DATA_INVALID',
        JSON.stringify(measurementsEvent(key, [{ variable: ENERGY, ts: -1000, value: 1 }], { id: 'p-1969' })),
      ],
      [
        'EVENT_TYPE_UNEXPECTED',
        JSON.stringify({
          ...valid,
          id: 'p-org',
          type: 'OrganizationRegistered',
          data: { organizationId: 'o-1', name: 'O', visibility: 'public' },
        }),
      ],
    ];
    const headers = { 'x-pipeline': 'acme-7', 'content-type': 'application/cloudevents+json' };
    const producer = new Kafka({ brokers: inject('kafkaBrokers'), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    const [sent] = await producer.send({
      topic: stack.prefix + TOPICS.measurements,
      acks: -1,
      messages: [
        { key, value: JSON.stringify(valid), headers },
        ...poison.map(([, value]) => ({ key, value, headers })),
        { key, value: JSON.stringify(measurementsEvent(key, [good2])), headers },
      ],
    });
    await producer.disconnect();
    await stack.waitForProjection(projector);

    const [series] = await stack.measurements.query({
      series: [{ deviceId: key, variable: ENERGY, kind: 'cumulative', aggregation: 'last' }],
      from: T0,
      to: T0 + 3_600_000,
      frequency: 'raw',
      timezone: 'UTC',
    });
    expect(series!.points).toEqual([good1, good2].map((r) => ({ ts: r.ts, value: r.value, quality: 'measured' })));

    const records = await readTopic(inject('kafkaBrokers'), stack.prefix + TOPICS.deadLetter, poison.length);
    const [deadLetterPartition] = await stack.admin.fetchTopicOffsets(stack.prefix + TOPICS.deadLetter);
    expect(Number(deadLetterPartition!.high)).toBe(poison.length);
    const first = BigInt(sent!.baseOffset!) + 1n;
    const partition = partitionForKey(key, 8);
    records.forEach((record, i) => {
      const letter = JSON.parse(record.value!.toString('utf8'));
      const [code, value] = poison[i]!;
      expect(record.key!.toString()).toBe(key);
      expect(record.headers['medido-error-code']).toBe(code);
      expect(letter).toMatchObject({
        topic: TOPICS.measurements,
        partition,
        offset: String(first + BigInt(i)),
        key: Buffer.from(key).toString('base64'),
        error: { code },
      });
      expect(letter.value === null ? null : Buffer.from(letter.value, 'base64')).toEqual(
        value === null ? null : Buffer.from(value as string | Buffer),
      );
      expect(
        Object.fromEntries(
          Object.entries(letter.headers as Record<string, string>).map(([k, v]) => [
            k,
            Buffer.from(v, 'base64').toString(),
          ]),
        ),
      ).toEqual(headers);
      expect(typeof letter.error.message).toBe('string');
      expect(Number.isFinite(Date.parse(letter.failedAt))).toBe(true);
    });
    expect(records.map((r) => JSON.parse(r.value!.toString()).error.issues?.[0]?.path ?? null)).toEqual([
      null,
      null,
      '/',
      null,
      '/readings/0/value',
      '/readings/0/ts',
      null,
    ]);
  });
});
