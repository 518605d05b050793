import type { Db, MongoClient } from 'mongodb';
import { loadOnFirstUse } from '@medido/platform';
import type { ConsumerRecord, ConsumerRegistry, SubjectClaim } from './consumer-registry.port.ts';

export const REGISTRY_COLLECTIONS = {
  consumers: 'command_consumer_ids',
  subjects: 'command_consumer_subjects',
} as const;

type RecordDoc = Omit<ConsumerRecord, 'consumerId'> & { _id: string };
type ClaimDoc = Omit<SubjectClaim, 'subject'> & { _id: string };

// The same two MongoDB error codes libs/catalog reads (its mongo-errors.ts); the ingestor may not import
// the catalog library (module boundaries), and two checks of a documented code are not worth a shared lib.
/** E11000: a unique index (here `_id`) refused the insert. */
const isDuplicateKey = (error: unknown) => (error as { code?: unknown } | null)?.code === 11000;
/** NamespaceExists: createCollection on an existing collection. */
const isNamespaceExists = (error: unknown) => (error as { code?: unknown } | null)?.code === 48;

async function inserted(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

/** The registry on MongoDB (or FerretDB): the unique `_id` index is the whole guard. */
export function mongoConsumerRegistry(db: Db, owned?: MongoClient): ConsumerRegistry {
  const records = db.collection<RecordDoc>(REGISTRY_COLLECTIONS.consumers);
  const claims = db.collection<ClaimDoc>(REGISTRY_COLLECTIONS.subjects);
  return {
    recordConsumer: ({ consumerId, ...rest }) => inserted(records.insertOne({ _id: consumerId, ...rest })),
    async findConsumer(consumerId) {
      const doc = await records.findOne({ _id: consumerId });
      return doc ? { consumerId: doc._id, subject: doc.subject, fingerprint: doc.fingerprint, event: doc.event } : null;
    },
    claimSubject: ({ subject, ...rest }) => inserted(claims.insertOne({ _id: subject, ...rest })),
    async findSubject(subject) {
      const doc = await claims.findOne({ _id: subject });
      return doc
        ? { subject: doc._id, consumerId: doc.consumerId, fingerprint: doc.fingerprint, token: doc.token }
        : null;
    },
    async releaseSubject(subject, token) {
      await claims.deleteOne({ _id: subject, token });
    },
    async migrate() {
      for (const name of Object.values(REGISTRY_COLLECTIONS)) {
        try {
          await db.createCollection(name);
        } catch (error) {
          if (!isNamespaceExists(error)) throw error;
        }
      }
    },
    async close() {
      await owned?.close();
    },
  };
}

/** Loaded by the first MongoDB registry: its import adds ~12 MiB of private memory the embedded default never needs. */
const mongoDriver = loadOnFirstUse<typeof import('mongodb')>(import.meta.url, 'mongodb');

export function createMongoConsumerRegistry(options: { url: string; database: string }): ConsumerRegistry {
  const client = new (mongoDriver().MongoClient)(options.url);
  return mongoConsumerRegistry(client.db(options.database), client);
}
