import { describe, expect, it } from 'vitest';
import { freshStore, reading } from './store-fixture.ts';

/** MeasurementsStore.onStored: what a co-located reader (the notifier) learns instead of polling lastSeen. */
describe('the store tells of its stored writes', () => {
  it('tells, once a write is stored, the newest ts per device that lastSeen then answers', async () => {
    const { store } = await freshStore();
    const told: Map<string, number>[] = [];
    const stop = store.onStored((newest) => {
      // Told after the write: the engine already answers it.
      void store.lastSeen([...newest.keys()]).then((seen) => told.push(seen));
      told.push(new Map(newest));
    });
    await store.insert(
      [
        reading('m1', 'energy', '2026-05-01T00:15:00Z', 2),
        reading('m1', 'power', '2026-05-01T00:20:00Z', 7),
        reading('m1', 'energy', '2026-05-01T00:00:00Z', 1), // late, older: not the newest
        reading('m2', 'energy', '2026-05-01T00:05:00Z', 4),
      ],
      'write-1',
    );
    await expect.poll(() => told.length).toBe(2);
    const expected = new Map([
      ['m1', Date.parse('2026-05-01T00:20:00Z')],
      ['m2', Date.parse('2026-05-01T00:05:00Z')],
    ]);
    expect(told[0]).toEqual(expected);
    expect(told[1]).toEqual(expected);

    stop();
    await store.insert([reading('m3', 'energy', '2026-05-01T00:05:00Z', 4)], 'write-2');
    expect(told).toHaveLength(2);
  });

  it('tells nothing of a write it refused, and a listener that throws fails no stored write', async () => {
    const { store } = await freshStore();
    const told: string[][] = [];
    store.onStored(() => {
      throw new Error('a listener bug');
    });
    store.onStored((newest) => told.push([...newest.keys()]));
    await expect(
      store.insert([reading('m1', 'energy', '2026-05-01T00:00:00Z', Number.NaN)], 'refused'),
    ).rejects.toThrow();
    await store.insert([reading('m2', 'energy', '2026-05-01T00:00:00Z', 1)], 'stored');
    expect(told).toEqual([['m2']]);
    expect((await store.lastSeen(['m1', 'm2'])).has('m1')).toBe(false);
  });
});
