import type { Db, Document, Filter } from 'mongodb';
import { insertedOnce } from '@medido/platform';
import type { DocumentBackend, DocumentQuery } from '../document-backend.port.ts';
import type { CatalogDocuments, CollectionName } from '../projection/documents.ts';
import { DEFAULT_DEVICE_STATUS } from '../read-model-views.ts';

/** Where a document's id and revision live in MongoDB; `_rev` is the compare-and-set guard. */
type Stored = Document & { _id: string; _rev: number };

const WRITE = { ignoreUndefined: true } as const;

function strip<D>(stored: Stored): D {
  const { _id: _ignoredId, _rev: _ignoredRev, ...doc } = stored;
  return doc as D;
}

/**
 * A case-insensitive substring match. The input is escaped, so it is matched literally (no regex
 * injection, no catastrophic backtracking); $regex with `i` is in FerretDB's supported subset.
 * @see https://www.mongodb.com/docs/manual/reference/operator/query/regex/
 */
function containing(text: string): Document {
  return { $regex: text.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), $options: 'i' };
}

function filterOf(query: DocumentQuery, after: string | undefined): Filter<Stored> {
  const filter: Document = { live: true };
  const id: Document = after === undefined ? {} : { $gt: after };
  switch (query.collection) {
    case 'organizations':
      break;
    case 'consumers':
      if (query.subject !== undefined) filter.subject = query.subject;
      break;
    case 'subscriptions':
      if (query.consumerId !== undefined) filter.consumerId = query.consumerId;
      break;
    case 'installations':
      if (query.organizationIds) filter.organizationId = { $in: query.organizationIds };
      if (query.unitId !== undefined) filter['units.unitId'] = query.unitId;
      if (query.nameContains !== undefined) filter.name = containing(query.nameContains);
      break;
    case 'devices':
      if (query.installationIds) filter.installationId = { $in: query.installationIds };
      if (query.unitId !== undefined) filter.unitId = query.unitId;
      if (query.deviceIds) id.$in = query.deviceIds;
      // A status never stated is stored as null and read as the default one.
      if (query.status !== undefined)
        filter.status = query.status === DEFAULT_DEVICE_STATUS ? { $in: [query.status, null] } : query.status;
      if (query.variable !== undefined) filter['variables.name'] = query.variable;
      if (query.nameContains !== undefined) filter.name = containing(query.nameContains);
      break;
    default: {
      const _exhaustive: never = query;
      throw new TypeError(`unknown query ${JSON.stringify(_exhaustive)}`);
    }
  }
  if (Object.keys(id).length > 0) filter._id = id;
  return filter as Filter<Stored>;
}

/**
 * Catalog documents in MongoDB, one collection per document kind. Each write is one single-document
 * operation: `insertOne` (unique `_id`) to create, `replaceOne({ _id, _rev })` to change.
 */
export function mongoDocuments(db: Db): DocumentBackend {
  const collection = (name: string) => db.collection<Stored>(name);

  return {
    async read<C extends CollectionName>(name: C, id: string) {
      const stored = await collection(name).findOne({ _id: id });
      return stored ? { doc: strip<CatalogDocuments[C]>(stored), rev: stored._rev } : null;
    },
    async write(name, id, doc, expectedRev) {
      if (expectedRev === null) {
        return insertedOnce(collection(name).insertOne({ _id: id, _rev: 1, ...doc }, WRITE));
      }
      const result = await collection(name).replaceOne(
        { _id: id, _rev: expectedRev },
        { ...doc, _rev: expectedRev + 1 },
        WRITE,
      );
      return result.matchedCount === 1;
    },
    async readMany<C extends CollectionName>(name: C, ids: string[]) {
      if (ids.length === 0) return [];
      const found = await collection(name)
        .find({ _id: { $in: ids } })
        .toArray();
      return found.map((stored) => strip<CatalogDocuments[C]>(stored));
    },
    async find<Q extends DocumentQuery>(query: Q, after: string | undefined, limit: number) {
      const found = await collection(query.collection)
        .find(filterOf(query, after))
        .sort({ _id: 1 })
        .limit(limit)
        .toArray();
      return found.map((stored) => strip<CatalogDocuments[Q['collection']]>(stored));
    },
  };
}
