import { describe, expect, it } from 'vitest';
import { isChangeCursor } from '../change-cursor.ts';
import type { ChangeLogStore, ChangeRecord } from '../change-log.port.ts';
import type { NotifierStateStore } from '../notifier-state.port.ts';

type NewChange = Omit<ChangeRecord, 'cursor'>;

export function change(id: string, overrides: Record<string, unknown> = {}): NewChange {
  return {
    id,
    type: 'measurements.available',
    occurredAt: '2026-04-07T10:00:00.000Z',
    organizationId: 'org-1',
    installationId: 'inst-1',
    deviceIds: ['dev-1'],
    data: {
      deviceId: 'dev-1',
      variables: ['active_energy_import'],
      from: '2026-04-07T09:00:00.000Z',
      to: '2026-04-07T09:15:00.001Z',
      readings: 2,
    },
    ...overrides,
  } as NewChange;
}

async function ids(
  store: ChangeLogStore,
  filter: Parameters<ChangeLogStore['changesAfter']>[0],
  limit = 100,
): Promise<string[]> {
  const out: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.changesAfter(filter, after, limit);
    out.push(...page.map((c) => c.id));
    if (page.length < limit) return out;
    after = page.at(-1)!.cursor;
  }
}

/** The change log: total order by cursor, idempotent on event id, filtered by scope; and the notifier's state. */
export function describeChangeLogContract(fresh: () => Promise<ChangeLogStore & NotifierStateStore>): void {
  describe('change log', () => {
    const history = [
      change('c-1'),
      change('c-2', {
        organizationId: 'org-2',
        installationId: 'inst-2',
        deviceIds: ['dev-2'],
        data: {
          deviceId: 'dev-2',
          variables: ['v'],
          from: '2026-04-07T09:00:00.000Z',
          to: '2026-04-07T09:00:00.001Z',
          readings: 1,
        },
      }),
      change('c-3', {
        unitId: 'unit-1',
        type: 'bucket.changed',
        deviceIds: ['dev-3'],
        data: {
          deviceId: 'dev-3',
          variables: ['v'],
          from: '2026-04-06T09:00:00.000Z',
          to: '2026-04-06T09:15:00.000Z',
          reason: 'late',
        },
      }),
      change('c-4', {
        type: 'day.closed',
        deviceIds: ['dev-1', 'dev-3'],
        data: {
          day: '2026-04-06',
          timezone: 'America/Santiago',
          from: '2026-04-06T04:00:00.000Z',
          to: '2026-04-07T04:00:00.000Z',
          deviceIds: ['dev-1', 'dev-3'],
        },
      }),
    ];

    it('assigns increasing cursors in append order and keeps each change once, with its first cursor', async () => {
      const store = await fresh();
      expect(await store.latestCursor()).toBeNull();
      expect(await store.appendChanges([])).toEqual([]);
      const first = await store.appendChanges(history.slice(0, 2));
      expect(first.map((c) => c.id)).toEqual(['c-1', 'c-2']);
      expect(first.every((c) => isChangeCursor(c.cursor))).toBe(true);
      expect(first[0]!.cursor < first[1]!.cursor).toBe(true);
      // A re-derivation after a crash: known ids keep their cursor, new ones follow, a repeat inside one call counts once.
      const again = await store.appendChanges([
        { ...history[1]!, occurredAt: '2026-04-08T00:00:00.000Z' },
        history[2]!,
        history[2]!,
        history[3]!,
      ]);
      expect(again[0]).toEqual(first[1]);
      expect(again[1]).toEqual(again[2]);
      expect(again[1]!.cursor > first[1]!.cursor && again[3]!.cursor > again[1]!.cursor).toBe(true);
      expect(await store.latestCursor()).toBe(again[3]!.cursor);
      const all = await store.changesAfter({}, undefined, 10);
      expect(all).toEqual([first[0], first[1], again[1], again[3]]);
      expect(all[2]).toEqual({ ...history[2], cursor: again[1]!.cursor });
      expect('unitId' in all[0]!).toBe(false);
    });

    it('stores an append told its ids are unseen like any other, a repeat inside it once', async () => {
      const store = await fresh();
      const first = await store.appendChanges(history.slice(0, 2));
      const next = await store.appendChanges([history[2]!, history[2]!, history[3]!], { unseen: true });
      expect(next[0]).toEqual(next[1]);
      expect(next[0]!.cursor > first[1]!.cursor && next[2]!.cursor > next[0]!.cursor).toBe(true);
      expect(await store.latestCursor()).toBe(next[2]!.cursor);
      expect((await store.changesAfter({}, undefined, 10)).map((c) => c.id)).toEqual(['c-1', 'c-2', 'c-3', 'c-4']);
    });

    it('reads after a cursor, in pages, filtered by organization, installation, unit, meter and type (AND)', async () => {
      const store = await fresh();
      const stored = await store.appendChanges(history);
      expect(await ids(store, {}, 1)).toEqual(['c-1', 'c-2', 'c-3', 'c-4']);
      expect((await store.changesAfter({}, stored[1]!.cursor, 10)).map((c) => c.id)).toEqual(['c-3', 'c-4']);
      expect(await store.changesAfter({}, stored[3]!.cursor, 10)).toEqual([]);
      expect(await ids(store, { organizationIds: ['org-1'] })).toEqual(['c-1', 'c-3', 'c-4']);
      expect(await ids(store, { organizationIds: [] })).toEqual([]);
      expect(await ids(store, { installationIds: ['inst-2', 'nowhere'] })).toEqual(['c-2']);
      expect(await ids(store, { unitId: 'unit-1' })).toEqual(['c-3']);
      expect(await ids(store, { deviceIds: ['dev-3'] })).toEqual(['c-3', 'c-4']);
      expect(await ids(store, { deviceIds: [] })).toEqual([]);
      expect(await ids(store, { types: ['day.closed', 'bucket.changed'] })).toEqual(['c-3', 'c-4']);
      expect(
        await ids(store, {
          organizationIds: ['org-1', 'org-2'],
          deviceIds: ['dev-1'],
          types: ['measurements.available'],
        }),
      ).toEqual(['c-1']);
    });

    it('keeps the notifier state by key, read back by prefix', async () => {
      const store = await fresh();
      expect(await store.loadNotifierState('partition/')).toEqual(new Map());
      await store.saveNotifierState([
        ['partition/0', { offset: '7', series: { a: 1 } }],
        ['day/inst-1', '2026-04-07T04:00:00.000Z'],
      ]);
      await store.saveNotifierState([
        ['partition/0', { offset: '9', series: { a: 2 } }],
        ['partition/1', { offset: '1', series: { 'm.1\u0000v': 3 }, pairs: [['x', 1]] }],
      ]);
      await store.saveNotifierState([]);
      expect(await store.loadNotifierState('partition/')).toEqual(
        new Map<string, unknown>([
          ['partition/0', { offset: '9', series: { a: 2 } }],
          ['partition/1', { offset: '1', series: { 'm.1\u0000v': 3 }, pairs: [['x', 1]] }],
        ]),
      );
      expect(await store.loadNotifierState('day/')).toEqual(new Map([['day/inst-1', '2026-04-07T04:00:00.000Z']]));
    });
  });
}
