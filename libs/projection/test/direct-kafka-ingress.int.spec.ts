import { CloudEvent, Kafka as CloudEventsKafka } from 'cloudevents';
import { Kafka, logLevel, type IHeaders } from 'kafkajs';
import { TOPICS } from '@medido/contracts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Projector } from '../src/index.ts';
import type { ProjectionStack } from '../src/testing/projection-stack.ts';
import { ENERGY, T0, registerReading } from '../src/testing/readings.fixture.ts';
import { openTestStack } from './test-stack.ts';

/**
 * The direct Kafka ingress (docs/kafka-ingress.md) with a producer Medido did not write: the official
 * CloudEvents SDK's Kafka binding over a plain kafkajs producer, in binary mode (ce_* headers, the
 * data as value) and structured mode. Issue 17 §4: binary-mode records were dead-lettered.
 */
let stack: ProjectionStack;
let projector: Projector;
beforeAll(async () => {
  stack = await openTestStack('projce');
  projector = await stack.startProjector();
});
afterAll(async () => {
  await stack?.dispose();
});

/** The SDK's message as kafkajs takes it: the data serialized as JSON, headers the SDK left unset dropped. */
function kafkajsMessage(message: { key: unknown; value: unknown; headers: Record<string, unknown> }) {
  const headers: IHeaders = {};
  for (const [name, value] of Object.entries(message.headers)) if (value !== undefined) headers[name] = String(value);
  return {
    key: String(message.key),
    value: typeof message.value === 'string' ? message.value : JSON.stringify(message.value),
    headers,
  };
}

describe('direct Kafka ingress with the CloudEvents SDK', () => {
  it('projects MeasurementsRecorded events written in binary and structured mode: the readings are queryable', async () => {
    const readings = {
      binary: [registerReading('ce-bin', 1), registerReading('ce-bin', 2)],
      structured: [registerReading('ce-str', 1)],
    };
    const event = (deviceId: string, list: typeof readings.binary) =>
      new CloudEvent({
        type: 'MeasurementsRecorded',
        source: '/pipelines/acme',
        subject: deviceId,
        partitionkey: deviceId,
        datacontenttype: 'application/json',
        dataschema: 'urn:medido:MeasurementsRecorded:v1',
        sequence: '0000000000',
        time: new Date(T0).toISOString(),
        data: {
          deviceId,
          readings: list.map((r) => ({
            variable: r.variable,
            ts: new Date(r.ts).toISOString(),
            value: r.value,
            quality: 'measured',
          })),
        },
      });
    const producer = new Kafka({ brokers: inject('kafkaBrokers'), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({
      topic: stack.prefix + TOPICS.measurements,
      acks: -1,
      messages: [
        kafkajsMessage(CloudEventsKafka.binary(event('ce-bin', readings.binary))),
        kafkajsMessage(CloudEventsKafka.structured(event('ce-str', readings.structured))),
      ],
    });
    await producer.disconnect();
    await stack.waitForProjection(projector);

    for (const [deviceId, expected] of [
      ['ce-bin', readings.binary],
      ['ce-str', readings.structured],
    ] as const) {
      const [series] = await stack.measurements.query({
        series: [{ deviceId, variable: ENERGY, kind: 'cumulative', aggregation: 'last' }],
        from: T0,
        to: T0 + 3_600_000,
        frequency: 'raw',
        timezone: 'UTC',
      });
      expect(series!.points, deviceId).toEqual(
        expected.map((r) => ({ ts: r.ts, value: r.value, quality: 'measured' })),
      );
    }
    const [deadLetters] = await stack.admin.fetchTopicOffsets(stack.prefix + TOPICS.deadLetter);
    expect(Number(deadLetters!.high)).toBe(0);
  });
});
