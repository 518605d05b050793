import { describe, expect, it } from 'vitest';
import type { AccessLogStore } from '../access-log.port.ts';
import { accessRecord } from './access-record.fixture.ts';

async function walk(
  store: AccessLogStore,
  filter: Parameters<AccessLogStore['listAccess']>[0],
  limit: number,
): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  do {
    const page = await store.listAccess(filter, { limit, ...(after === undefined ? {} : { after }) });
    ids.push(...page.items.map((r) => r.eventId));
    after = page.next ?? undefined;
  } while (after !== undefined);
  return ids;
}

/** The access read model: append-only, idempotent, listed newest first per consumer and per organization. */
export function describeAccessLogContract(fresh: () => Promise<AccessLogStore>): void {
  describe('access records', () => {
    const at = (minute: number) => new Date(Date.parse('2026-04-07T10:00:00Z') + minute * 60_000).toISOString();
    const history = [
      accessRecord('e-1', { answeredAt: at(1) }),
      accessRecord('e-2', { answeredAt: at(2), consumerId: 'c-2', organizationIds: ['org-2'] }),
      accessRecord('e-3', {
        answeredAt: at(3),
        organizationIds: ['org-1', 'org-2'],
        route: '/v1/installations',
        deviceIds: [],
      }),
      // Same instant as e-3: the event id breaks the tie.
      accessRecord('e-4', {
        answeredAt: at(3),
        consumerId: 'c-2',
        organizationIds: [],
        route: '/v1/organizations',
        status: 200,
      }),
      accessRecord('e-5', {
        answeredAt: at(5),
        status: 404,
        rows: 0,
        organizationIds: [],
        installationIds: [],
        deviceIds: [],
      }),
    ];

    it('keeps each record once, as recorded, whatever is delivered again', async () => {
      const store = await fresh();
      await store.recordAccess(history.slice(0, 3));
      await store.recordAccess([...history].reverse());
      await store.recordAccess([history[0]!, { ...history[0]!, rows: 999 }]);
      await store.recordAccess([]);
      const page = await store.listAccess({}, { limit: 10 });
      expect(page).toEqual({ items: [history[4], history[3], history[2], history[1], history[0]], next: null });
    });

    it('lists per consumer and per organization, newest first, pages with no gap or duplicate', async () => {
      const store = await fresh();
      await store.recordAccess(history);
      expect(await walk(store, { consumerId: 'c-1' }, 10)).toEqual(['e-5', 'e-3', 'e-1']);
      expect(await walk(store, { consumerId: 'c-2' }, 10)).toEqual(['e-4', 'e-2']);
      expect(await walk(store, { organizationId: 'org-2' }, 10)).toEqual(['e-3', 'e-2']);
      expect(await walk(store, { organizationId: 'org-1', consumerId: 'c-2' }, 10)).toEqual([]);
      expect(await walk(store, { organizationId: 'org-2', consumerId: 'c-2' }, 10)).toEqual(['e-2']);
      expect(await walk(store, { consumerId: 'nobody' }, 10)).toEqual([]);
      for (const limit of [1, 2, 3]) {
        expect(await walk(store, {}, limit)).toEqual(['e-5', 'e-4', 'e-3', 'e-2', 'e-1']);
        expect(await walk(store, { organizationId: 'org-1' }, limit)).toEqual(['e-3', 'e-1']);
      }
      const first = await store.listAccess({ consumerId: 'c-1' }, { limit: 2 });
      expect(first.items.map((r) => r.eventId)).toEqual(['e-5', 'e-3']);
      expect(first.next).toEqual(expect.any(String));
    });
  });
}
