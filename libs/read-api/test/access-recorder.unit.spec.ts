import { describe, expect, it } from 'vitest';
import { accessEventOf } from '../src/access/access-event.ts';
import { createAccessRecorder, type AccessEventPublisher } from '../src/access/access-recorder.ts';

const caller = {
  consumerId: 'c-1',
  clientId: 'c-1',
  role: 'api_consumer',
  scope: 'read',
  grants: new Set<string>(),
  expiresAt: 0,
};
const event = (i: number) =>
  accessEventOf(
    caller,
    { id: `req-${i}`, method: 'GET', route: '/v1/me', url: '/v1/me', status: 200, note: { rows: 1 }, answeredAt: 0 },
    () => `e-${i}`,
  );
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
};

/** A bus whose publishes the test completes (or fails) by hand, like a slow or failing broker. */
function controlledBus() {
  const calls: { ids: string[]; resolve: () => void; reject: (error: Error) => void }[] = [];
  const bus: AccessEventPublisher = {
    publish: (topic, records) =>
      new Promise<void>((resolve, reject) => {
        expect(topic).toBe('medido.access.v1');
        calls.push({ ids: records.map((r) => (JSON.parse(r.value) as { id: string }).id), resolve, reject });
      }),
  };
  return { bus, calls };
}
const logger = () => {
  const lines: { level: string; args: unknown[] }[] = [];
  const at =
    (level: string) =>
    (...args: unknown[]) => {
      lines.push({ level, args });
    };
  return { lines, warn: at('warn'), error: at('error'), info: at('info') };
};

describe('access recorder', () => {
  it('never waits for the bus: batches while a publish is slow, one publish at a time, in order', async () => {
    const { bus, calls } = controlledBus();
    const published: number[] = [];
    const recorder = createAccessRecorder({
      bus,
      logger: logger(),
      batchSize: 3,
      lingerMs: 1,
      onPublished: (n) => published.push(n),
    });
    recorder.record(event(1));
    await until(() => calls.length === 1);
    for (let i = 2; i <= 6; i++) recorder.record(event(i)); // returns at once although the bus has not answered
    expect(recorder.buffered()).toBe(6);
    calls[0]!.resolve();
    await until(() => calls.length === 2);
    calls[1]!.resolve();
    await until(() => calls.length === 3);
    calls[2]!.resolve();
    await until(() => recorder.buffered() === 0);
    expect(calls.map((c) => c.ids)).toEqual([['e-1'], ['e-2', 'e-3', 'e-4'], ['e-5', 'e-6']]);
    expect(published).toEqual([1, 3, 2]);
  });

  it('keeps and retries what the bus refused, and stops accepting when full instead of dropping', async () => {
    const { bus, calls } = controlledBus();
    const log = logger();
    const recorder = createAccessRecorder({
      bus,
      logger: log,
      capacity: 3,
      lingerMs: 1,
      retry: { initialMs: 5, maxMs: 10 },
    });
    for (let i = 1; i <= 2; i++) recorder.record(event(i));
    expect(recorder.accepting()).toBe(true);
    recorder.record(event(3));
    expect(recorder.accepting()).toBe(false);
    await until(() => calls.length === 1);
    calls[0]!.reject(new Error('broker unreachable'));
    await until(() => calls.length === 2);
    expect(log.lines.some((l) => l.level === 'warn')).toBe(true);
    expect(calls[1]!.ids).toEqual(['e-1', 'e-2', 'e-3']);
    calls[1]!.resolve();
    await until(() => recorder.accepting());
    expect(recorder.buffered()).toBe(0);
  });

  it('flushes at close; what the bus never took is logged in full and counted, not lost silently', async () => {
    const failing: AccessEventPublisher = {
      publish: async () => {
        throw new Error('broker unreachable');
      },
    };
    const log = logger();
    let unpublished = 0;
    const recorder = createAccessRecorder({
      bus: failing,
      logger: log,
      lingerMs: 1_000,
      retry: { initialMs: 5, maxMs: 5 },
      onUnpublished: (n) => {
        unpublished += n;
      },
    });
    recorder.record(event(1));
    recorder.record(event(2));
    await recorder.close(50);
    expect(unpublished).toBe(2);
    const lost = log.lines
      .filter((l) => l.level === 'error')
      .map((l) => (l.args[0] as { accessEvent: { id: string } }).accessEvent.id);
    expect(lost).toEqual(['e-1', 'e-2']);
    expect(recorder.accepting()).toBe(false);

    const { bus, calls } = controlledBus();
    const flushed = createAccessRecorder({ bus, logger: logger(), lingerMs: 1_000 });
    flushed.record(event(3));
    const closing = flushed.close(1_000);
    await until(() => calls.length === 1);
    calls[0]!.resolve();
    await closing;
    expect(calls[0]!.ids).toEqual(['e-3']);
  });
});
