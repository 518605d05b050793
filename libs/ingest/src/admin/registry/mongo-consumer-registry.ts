import type { Db, MongoClient } from 'mongodb';
import { ensureCollection, insertedOnce, loadOnFirstUse } from '@medido/platform';
import type { ConsumerRecord, ConsumerRegistry, SubjectClaim } from './consumer-registry.port.ts';

export const REGISTRY_COLLECTIONS = {
  consumers: 'command_consumer_ids',
  subjects: 'command_consumer_subjects',
} as const;

type RecordDoc = Omit<ConsumerRecord, 'consumerId'> & { _id: string };
type ClaimDoc = Omit<SubjectClaim, 'subject'> & { _id: string };

/** The registry on MongoDB (or FerretDB): the unique `_id` index is the whole guard. */
export function mongoConsumerRegistry(db: Db, owned?: MongoClient): ConsumerRegistry {
  const records = db.collection<RecordDoc>(REGISTRY_COLLECTIONS.consumers);
  const claims = db.collection<ClaimDoc>(REGISTRY_COLLECTIONS.subjects);
  return {
    recordConsumer: ({ consumerId, ...rest }) => insertedOnce(records.insertOne({ _id: consumerId, ...rest })),
    async findConsumer(consumerId) {
      const doc = await records.findOne({ _id: consumerId });
      return doc ? { consumerId: doc._id, subject: doc.subject, fingerprint: doc.fingerprint, event: doc.event } : null;
    },
    claimSubject: ({ subject, ...rest }) => insertedOnce(claims.insertOne({ _id: subject, ...rest })),
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
      for (const name of Object.values(REGISTRY_COLLECTIONS)) await ensureCollection(db, name);
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
