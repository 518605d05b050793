import type { Producer, TopicMessages } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { BusUnavailableError } from '../src/index.ts';
import { KafkaPublisher } from '../src/kafka/kafka-publisher.ts';

/** A producer whose sendBatch calls wait until the test lets them finish, recording what they carried. */
function fakeProducer() {
  const sent: TopicMessages[][] = [];
  const waiting: (() => void)[] = [];
  const producer = {
    sendBatch: async ({ topicMessages }: { topicMessages: TopicMessages[] }) => {
      sent.push(topicMessages);
      await new Promise<void>((resolve) => waiting.push(resolve));
      return [];
    },
  } as unknown as Producer;
  return { producer, sent, releaseOne: () => waiting.shift()?.(), waitingCount: () => waiting.length };
}
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
const values = (request: TopicMessages[]) => request.flatMap((t) => t.messages.map((m) => `${t.topic}/${m.value}`));

describe('KafkaPublisher', () => {
  it('sends one request at a time and coalesces the publishes queued meanwhile into the next one', async () => {
    const fake = fakeProducer();
    const publisher = new KafkaPublisher({
      producer: async () => fake.producer,
      verifyTopic: async () => undefined,
      ackTimeoutMs: 5_000,
      maxRequestBytes: 100_000,
    });
    const first = publisher.enqueue('a', [{ key: 'k', value: '1' }]);
    await tick();
    const later = [
      publisher.enqueue('a', [{ key: 'k', value: '2' }]),
      publisher.enqueue('b', [{ key: 'k', value: '3' }]),
      publisher.enqueue('a', [{ key: 'k', value: '4' }]),
    ];
    await tick();
    expect(fake.sent.map(values)).toEqual([['a/1']]);
    fake.releaseOne();
    await first;
    await tick();
    expect(fake.sent.map(values)).toEqual([['a/1'], ['a/2', 'a/4', 'b/3']]);
    fake.releaseOne();
    await Promise.all(later);
  });

  it('drops a publish that timed out in the queue, so it is never sent', async () => {
    const fake = fakeProducer();
    const publisher = new KafkaPublisher({
      producer: async () => fake.producer,
      verifyTopic: async () => undefined,
      ackTimeoutMs: 50,
      maxRequestBytes: 100_000,
    });
    const stuck = publisher.enqueue('a', [{ key: 'k', value: 'in-flight' }]);
    await tick();
    const queued = publisher.enqueue('a', [{ key: 'k', value: 'queued' }]);
    await expect(stuck).rejects.toBeInstanceOf(BusUnavailableError);
    await expect(queued).rejects.toThrow(/did not acknowledge within 50 ms/);
    expect(publisher.stalledMs()).toBeGreaterThanOrEqual(50);
    fake.releaseOne();
    await tick();
    expect(fake.sent.map(values)).toEqual([['a/in-flight']]);
    expect(publisher.stalledMs()).toBe(0);
  });

  it('splits a publish over several requests under the byte limit, in order', async () => {
    const sent: string[][] = [];
    const producer = {
      sendBatch: async ({ topicMessages }: { topicMessages: TopicMessages[] }) => {
        sent.push(values(topicMessages));
        return [];
      },
    } as unknown as Producer;
    const publisher = new KafkaPublisher({
      producer: async () => producer,
      verifyTopic: async () => undefined,
      ackTimeoutMs: 5_000,
      maxRequestBytes: 250,
    });
    await publisher.enqueue(
      't',
      Array.from({ length: 5 }, (_, i) => ({ key: 'k', value: `${i}`.padEnd(100, '.') })),
    );
    expect(sent.map((r) => r.map((v) => v.slice(2, 3)))).toEqual([['0'], ['1'], ['2'], ['3'], ['4']]);
  });

  it('rejects every publish of a failed request with BusUnavailableError, and a refused record with a plain error', async () => {
    const failing = {
      sendBatch: async () => {
        throw Object.assign(new Error('Connection error'), { name: 'KafkaJSConnectionError' });
      },
    } as unknown as Producer;
    const publisher = new KafkaPublisher({
      producer: async () => failing,
      verifyTopic: async () => undefined,
      ackTimeoutMs: 5_000,
      maxRequestBytes: 100_000,
    });
    await expect(publisher.enqueue('t', [{ key: 'k', value: 'v' }])).rejects.toBeInstanceOf(BusUnavailableError);
    const tooLarge = {
      sendBatch: async () => {
        throw Object.assign(new Error('too large'), { cause: { type: 'MESSAGE_TOO_LARGE' } });
      },
    } as unknown as Producer;
    const refusing = new KafkaPublisher({
      producer: async () => tooLarge,
      verifyTopic: async () => undefined,
      ackTimeoutMs: 5_000,
      maxRequestBytes: 100_000,
    });
    const error = await refusing.enqueue('t', [{ key: 'k', value: 'v' }]).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(BusUnavailableError);
    expect((error as Error).message).toMatch(/^Kafka refused the records \(MESSAGE_TOO_LARGE\)/);
  });

  it("recognises a refusal inside @platformatic/kafka's retry errors", async () => {
    // Its shape: a MultipleErrors whose `errors` hold the protocol error, named by `apiId`.
    const refused = Object.assign(new Error('produce failed 1 times.'), {
      errors: [Object.assign(new Error('too large'), { apiId: 'RECORD_LIST_TOO_LARGE' })],
    });
    const publisher = new KafkaPublisher({
      producer: async () => ({
        sendBatch: async () => {
          throw refused;
        },
      }),
      verifyTopic: async () => undefined,
      ackTimeoutMs: 5_000,
      maxRequestBytes: 100_000,
    });
    const error = await publisher.enqueue('t', [{ key: 'k', value: 'v' }]).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^Kafka refused the records \(RECORD_LIST_TOO_LARGE\)/);
  });
});
