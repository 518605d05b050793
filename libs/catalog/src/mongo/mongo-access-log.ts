import type { Db, Document, IndexDescription } from 'mongodb';
import { isDuplicateKey } from '@medido/platform';
import { accessSortKey, type AccessLogStore, type AccessRecord } from '../access-log.port.ts';

export const ACCESS_COLLECTION = 'access_events';

/** Plain indexes only (FerretDB): one per listing, each ending in the sort key. organizationIds is multikey. */
export const ACCESS_INDEXES: IndexDescription[] = [
  { key: { key: -1 } },
  { key: { consumerId: 1, key: -1 } },
  { key: { organizationIds: 1, key: -1 } },
];

type AccessDoc = Omit<AccessRecord, 'eventId'> & { _id: string; key: string };

const toRecord = ({ _id, key: _key, ...rest }: AccessDoc): AccessRecord => ({ eventId: _id, ...rest });

/** Access records in MongoDB, `_id` = event id: a re-delivered event is a duplicate key, ignored. */
export function mongoAccessLog(db: Db): AccessLogStore {
  const events = db.collection<AccessDoc>(ACCESS_COLLECTION);
  return {
    async recordAccess(records) {
      if (records.length === 0) return;
      const docs = records.map(({ eventId, ...rest }) => ({
        _id: eventId,
        key: accessSortKey({ eventId, answeredAt: rest.answeredAt }),
        ...rest,
      }));
      try {
        // Unordered: every new record is inserted even when others of the batch are re-deliveries.
        await events.insertMany(docs, { ordered: false });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    },
    async listAccess(filter, page) {
      const limit = Math.max(1, Math.floor(page.limit));
      const query: Document = {};
      if (filter.consumerId !== undefined) query.consumerId = filter.consumerId;
      if (filter.organizationId !== undefined) query.organizationIds = filter.organizationId;
      if (page.after !== undefined) query.key = { $lt: page.after };
      const found = await events
        .find(query)
        .sort({ key: -1 })
        .limit(limit + 1)
        .toArray();
      const items = found.slice(0, limit);
      return { items: items.map(toRecord), next: found.length > limit ? items.at(-1)!.key : null };
    },
  };
}
