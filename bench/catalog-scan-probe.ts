/**
 * How the MongoDB-protocol catalog's query cost grows with a collection's size: fills a scratch database
 * with change-log documents shaped like the notifier's and times the queries the notifier, the webhook
 * worker and the change feed make (docs/benchmarks.md, "Why the webhooks and latest rows miss"). On
 * FerretDB 1.24 (SQLite) every one but the `_id` lookup is a scan in FerretDB; on MongoDB they walk indexes.
 *
 *   node bench/catalog-scan-probe.ts [documents=50000]      # MEDIDO_MONGO_URL, default mongodb://127.0.0.1:27027
 */
import { MongoClient } from 'mongodb';

const documents = Number(process.argv[2] ?? 50_000);
const cursorOf = (n: number) => String(n).padStart(16, '0');
const idOf = (n: number) => `medido.measurements.v1/0/${n}/measurements.available`;

const client = await MongoClient.connect(process.env.MEDIDO_MONGO_URL || 'mongodb://127.0.0.1:27027');
const db = client.db(`medido_scan_probe_${process.pid}`);
try {
  const changes = db.collection<{ _id: string; cursor: string; installationId: string }>('change_events');
  await changes.createIndex({ cursor: 1 }, { unique: true });
  await changes.createIndex({ installationId: 1, cursor: 1 });
  for (let start = 0; start < documents; start += 1_000) {
    const page = Array.from({ length: Math.min(1_000, documents - start) }, (_, k) => {
      const n = start + k;
      const deviceId = `m-${n % 2_000}`;
      return {
        _id: idOf(n),
        type: 'measurements.available',
        cursor: cursorOf(n),
        organizationId: 'org-bench',
        installationId: `inst-${n % 20}`,
        deviceIds: [deviceId],
        occurredAt: new Date().toISOString(),
        data: {
          deviceId,
          variables: ['active_energy'],
          from: '2026-01-01T00:00:00.000Z',
          to: '2026-01-01T00:15:00.000Z',
          readings: 10,
        },
      };
    });
    await changes.insertMany(page, { ordered: true });
  }
  const time = async (label: string, query: () => Promise<unknown>) => {
    const started = performance.now();
    await query();
    console.log(`${label.padEnd(58)} ${(performance.now() - started).toFixed(1).padStart(9)} ms`);
  };
  console.log(`${documents} documents`);
  await time('newest cursor (sort cursor desc, limit 1)', () =>
    changes
      .find({}, { projection: { cursor: 1 } })
      .sort({ cursor: -1 })
      .limit(1)
      .next(),
  );
  const ids = Array.from({ length: 500 }, (_, k) => idOf(documents - 1 - k));
  await time('500 ids by _id $in', () => changes.find({ _id: { $in: ids } }).toArray());
  await time('100 changes of one installation after a cursor', () =>
    changes
      .find({ installationId: { $in: ['inst-3'] }, cursor: { $gt: cursorOf(documents - 300) } })
      .sort({ cursor: 1 })
      .limit(100)
      .toArray(),
  );
  await time('one document by _id', () => changes.findOne({ _id: idOf(documents - 5) }));
  await time('insertOne', () =>
    changes.insertOne({ _id: 'probe', cursor: cursorOf(documents + 1), installationId: 'inst-0' }),
  );
} finally {
  await db.dropDatabase();
  await client.close();
}
