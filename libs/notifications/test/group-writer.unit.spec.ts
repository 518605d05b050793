import { describe, expect, it } from 'vitest';
import { groupWriter } from '../src/group-writer.ts';

type Item = { key: string; n: number };
const item = (key: string, n: number): Item => ({ key, n });

describe('groupWriter', () => {
  it('writes what queued during a write in one go, one item per key, and fails a group together', async () => {
    const groups: string[][] = [];
    let release!: () => void;
    const write = groupWriter<Item>(
      async (items) => {
        groups.push(items.map((i) => `${i.key}${i.n}`));
        if (groups.length === 1) await new Promise<void>((resolve) => (release = resolve));
        if (items.some((i) => i.n === 4)) throw new Error('the log is down');
      },
      (i) => i.key,
    );
    const first = write(item('a', 1));
    const outcome = (p: Promise<void>) =>
      p.then(
        () => 'ok',
        (e: Error) => e.message,
      );
    const later = [write(item('a', 2)), write(item('b', 3)), write(item('a', 4)), write(item('c', 5))].map(outcome);
    release();
    await first;
    expect(await Promise.all(later)).toEqual(['ok', 'ok', 'the log is down', 'ok']);
    // a4 waits for the group after the one a2 is in: one item of a key per group, in their order.
    expect(groups).toEqual([['a1'], ['a2', 'b3', 'c5'], ['a4']]);
  });

  it('answers the items the write refused with their reason and the others with success', async () => {
    const write = groupWriter<Item>(
      async (items) => new Map(items.filter((i) => i.n < 0).map((i) => [i, new Error(`refused ${i.key}`)])),
      (i) => i.key,
    );
    const [refused, written] = await Promise.allSettled([write(item('x', -1)), write(item('y', 1))]);
    expect(refused).toMatchObject({ status: 'rejected', reason: new Error('refused x') });
    expect(written).toEqual({ status: 'fulfilled', value: undefined });
  });
});
