import { EventEmitter } from 'node:events';
import type { Consumer, EachBatchPayload } from 'kafkajs';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { RecordBatch } from '../src/index.ts';
import { KafkaSubscription } from '../src/kafka/kafka-subscription.ts';

const EVENTS = { CRASH: 'consumer.crash', GROUP_JOIN: 'consumer.group_join' } as const;

/**
 * A kafkajs consumer reduced to what the subscription uses: tests crash it the way kafkajs does
 * (a CRASH event, `restart` telling whether kafkajs will restart it) and deliver batches through it.
 */
function fakeConsumer(options: { failConnect?: boolean } = {}) {
  const emitter = new EventEmitter();
  let eachBatch: ((payload: EachBatchPayload) => Promise<void>) | undefined;
  const state = { connected: false, disconnected: false };
  const consumer = {
    events: EVENTS,
    on: (event: string, listener: (e: unknown) => void) => emitter.on(event, listener),
    connect: async () => {
      if (options.failConnect) throw new Error('connect ECONNREFUSED');
      state.connected = true;
    },
    subscribe: async () => undefined,
    run: async (config: { eachBatch: (payload: EachBatchPayload) => Promise<void> }) => {
      eachBatch = config.eachBatch;
      emitter.emit(EVENTS.GROUP_JOIN, { payload: {} });
    },
    disconnect: async () => {
      state.disconnected = true;
    },
    seek: () => undefined,
  } as unknown as Consumer;
  return {
    consumer,
    state,
    crash: (restart: boolean) =>
      emitter.emit(EVENTS.CRASH, {
        payload: { error: new Error('The coordinator is not aware of this member'), groupId: 'g', restart },
      }),
    /** Delivers one record at `offset` of partition 0 of `t`, as kafkajs' runner would. */
    deliver: async (offset: string) => {
      if (!eachBatch) throw new Error('not running');
      const message = { offset, key: Buffer.from('k'), value: Buffer.from(`v${offset}`), headers: {}, timestamp: '0' };
      await eachBatch({
        batch: {
          topic: 't',
          partition: 0,
          messages: [message],
          isEmpty: () => false,
          firstOffset: () => offset,
          lastOffset: () => offset,
        },
        resolveOffset: () => undefined,
        heartbeat: async () => undefined,
        commitOffsetsIfNecessary: async () => undefined,
        isRunning: () => true,
        isStale: () => false,
        pause: () => () => undefined,
      } as unknown as EachBatchPayload);
    },
  };
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function subscriptionOver(consumers: ReturnType<typeof fakeConsumer>[]) {
  const created: ReturnType<typeof fakeConsumer>[] = [];
  const handled: string[] = [];
  const subscription = new KafkaSubscription(
    {
      createConsumer: () => {
        const next = consumers[created.length];
        if (!next) throw new Error('no more consumers');
        created.push(next);
        return next.consumer;
      },
      admin: async () => {
        throw new Error('unused');
      },
      topicPrefix: '',
      backoff: { initialMs: 10, maxMs: 40 },
      heartbeatMs: 50,
      logger: pino({ level: 'silent' }),
    },
    {
      groupId: 'g',
      topics: ['t'],
      eachBatch: async (batch: RecordBatch) => {
        handled.push(...batch.records.map((r) => String(r.value)));
      },
    },
  );
  return { subscription, created, handled };
}

describe('a Kafka subscription whose consumer kafkajs stopped for good', () => {
  it('replaces the consumer after a non-restarting crash, so records keep being handled', async () => {
    const [first, second] = [fakeConsumer(), fakeConsumer()];
    const { subscription, created, handled } = subscriptionOver([first, second]);
    await subscription.start(1_000);
    await first.deliver('0');

    first.crash(false);
    await until(() => created.length === 2 && second.state.connected, 'a replacement consumer');
    expect(first.state.disconnected).toBe(true);
    await second.deliver('1');
    expect(handled).toEqual(['v0', 'v1']);
    await subscription.stop();
    expect(second.state.disconnected).toBe(true);
  });

  it('leaves a crash kafkajs restarts itself to kafkajs', async () => {
    const [first, second] = [fakeConsumer(), fakeConsumer()];
    const { subscription, created } = subscriptionOver([first, second]);
    await subscription.start(1_000);
    first.crash(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(created).toHaveLength(1);
    expect(first.state.disconnected).toBe(false);
    await subscription.stop();
  });

  it('keeps trying while the broker refuses connections, and stops trying once stopped', async () => {
    const [first, refused, third] = [fakeConsumer(), fakeConsumer({ failConnect: true }), fakeConsumer()];
    const { subscription, created } = subscriptionOver([first, refused, third]);
    await subscription.start(1_000);
    first.crash(false);
    await until(() => third.state.connected, 'a consumer after the refused one');
    expect(created).toHaveLength(3);
    await subscription.stop();
    third.crash(false);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(created).toHaveLength(3);
  });
});
