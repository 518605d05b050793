import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { uniqueName } from '../fixtures.ts';

describe('local MongoDB-protocol server (FerretDB)', () => {
  const client = new MongoClient(inject('mongoUrl'));
  afterAll(() => client.close());

  it('inserts, updates atomically, finds, and enforces a unique index', async () => {
    const items = client.db(uniqueName('infra')).collection<{ _id: string; name: string; version: number }>('items');
    await items.createIndex({ name: 1 }, { unique: true });
    await items.insertOne({ _id: 'x', name: 'first', version: 1 });

    const updated = await items.findOneAndUpdate(
      { _id: 'x', version: 1 },
      { $set: { name: 'renamed', version: 2 } },
      { returnDocument: 'after' },
    );
    expect(updated).toEqual({ _id: 'x', name: 'renamed', version: 2 });
    // The version guard makes a stale update a no-op.
    expect(await items.findOneAndUpdate({ _id: 'x', version: 1 }, { $set: { name: 'stale' } })).toBeNull();

    await expect(items.insertOne({ _id: 'y', name: 'renamed', version: 1 })).rejects.toMatchObject({ code: 11000 });
    expect(await items.find({}).toArray()).toEqual([{ _id: 'x', name: 'renamed', version: 2 }]);
  });
});
