// Readiness probe for the local infrastructure: succeeds only when the service answers its own
// protocol (a Kafka metadata request, a MongoDB ping), not merely when its port accepts TCP.
// Usage: node scripts/infra/probe.ts kafka 127.0.0.1:19092 | mongo mongodb://127.0.0.1:27027
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';

async function probeKafka(broker: string): Promise<void> {
  const admin = new Kafka({
    brokers: [broker],
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 2000,
  }).admin();
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0) throw new Error('no broker registered yet');
  } finally {
    await admin.disconnect();
  }
}

async function probeMongo(url: string): Promise<void> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 2000 });
  try {
    await client.db('admin').command({ ping: 1 });
  } finally {
    await client.close();
  }
}

const [kind = '', target = ''] = process.argv.slice(2);
try {
  if (kind === 'kafka') await probeKafka(target);
  else if (kind === 'mongo') await probeMongo(target);
  else throw new Error(`unknown service kind ${kind}`);
} catch (error) {
  console.error(`${kind} at ${target} is not ready: ${(error as Error).message}`);
  process.exit(1);
}
