import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { accessTokensOf } from './access-tokens.ts';
import type { ServerRequest } from './medido-server.ts';
import { startIngestor } from './ingestor-process.ts';
import { freePort } from './ports.ts';
import { eventually } from '@medido/platform/testing/eventually';

export interface BenchServerOptions {
  kafkaBrokers: string[];
  mongoUrl: string;
  /** Directory for a V8 CPU profile of the server (node --cpu-prof), written when it stops. */
  cpuProfileDir?: string;
  /** More environment for the server (e.g. MEDIDO_KAFKA_* tuning). */
  env?: Record<string, string>;
  /**
   * Where readings are posted: `embedded` (default), the server's own ingestor role (every role on one JS
   * thread, as npm start runs them); `standalone`, the ingestor app in a process of its own on the same
   * topics, as deployed. On 2 cores the standalone one acknowledged more but stored less (its thread takes
   * the projector's and the engine's cycles): docs/benchmarks.md, 2026-12-07.
   */
  ingestor?: IngestorPlacement;
}

export type IngestorPlacement = 'standalone' | 'embedded';

export interface BenchServer {
  url: string;
  /** Where the load posts readings: the standalone ingestor's URL, or `url` (embedded). */
  ingestUrl: string;
  ingestor: IngestorPlacement;
  dataDir: string;
  ingestToken: string;
  adminToken: string;
  /** Physical Kafka topic/group prefix of this server. */
  topicPrefix: string;
  child: ChildProcess;
  request<T>(request: ServerRequest): Promise<T>;
  /** A fresh access token of an API consumer with no grants (the bench organization is public). */
  accessToken(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts medido-server.ts in a child process — the load generator must not share the server's event
 * loop — on its own Kafka topic prefix, FerretDB database and data directory, all removed by close().
 */
export async function startBenchServer(options: BenchServerOptions): Promise<BenchServer> {
  const name = `bench_${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'medido-bench-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const topicPrefix = `${name}_`;
  const child = fork(join(import.meta.dirname, 'medido-server.ts'), [], {
    execArgv: options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      HOST: '127.0.0.1',
      MEDIDO_PUBLIC_URL: url,
      MEDIDO_DATA_DIR: dataDir,
      MEDIDO_DEMO: 'false',
      MEDIDO_KAFKA_BROKERS: options.kafkaBrokers.join(','),
      MEDIDO_KAFKA_TOPIC_PREFIX: topicPrefix,
      MEDIDO_MONGO_URL: options.mongoUrl,
      MEDIDO_MONGO_DATABASE: name,
      // The bench measures the server, not the per-consumer limiter's refusals.
      MEDIDO_RATE_LIMIT_PER_MINUTE: '1000000000',
      ...options.env,
    },
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      for (const p of pending.values()) p.reject(new Error('the bench server exited'));
      resolve();
    }),
  );
  const ready = await new Promise<{ credentials: { ingestToken: string; adminToken: string } }>((resolve, reject) => {
    child.once('exit', (code, signal) => reject(new Error(`the bench server exited during start (${code ?? signal})`)));
    child.on(
      'message',
      (message: { ready?: boolean; id?: number; result?: unknown; error?: string; credentials?: never }) => {
        if (message.ready) return resolve(message as never);
        const waiter = pending.get(message.id!);
        pending.delete(message.id!);
        if (message.error) waiter?.reject(new Error(message.error));
        else waiter?.resolve(message.result);
      },
    );
  });
  await eventually(
    async () =>
      fetch(`${url}/health/ready`).then(
        (r) => r.ok,
        () => false,
      ),
    'the bench server to be ready',
    60_000,
    100,
  );

  const accessToken = await accessTokensOf(url, dataDir, 'bench');
  const ingestor = options.ingestor ?? 'embedded';
  const standalone =
    ingestor === 'standalone'
      ? await startIngestor({
          port: await freePort(),
          brokers: options.kafkaBrokers,
          topicPrefix,
          token: ready.credentials.ingestToken,
          stdio: ['ignore', 'inherit', 'inherit'],
        })
      : undefined;
  return {
    url,
    ingestUrl: standalone?.url ?? url,
    ingestor,
    dataDir,
    topicPrefix,
    child,
    ...ready.credentials,
    request: <T>(request: ServerRequest) =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, request });
      }),
    accessToken,
    async close() {
      if (standalone) await stopChild(standalone.child);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      await cleanUp(options, topicPrefix, name);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function cleanUp(options: BenchServerOptions, topicPrefix: string, mongoDatabase: string): Promise<void> {
  const admin = new Kafka({ brokers: options.kafkaBrokers, logLevel: logLevel.NOTHING }).admin();
  try {
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(topicPrefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } catch {
    /* best effort: a leftover bench topic is harmless */
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  const mongo = new MongoClient(options.mongoUrl, { serverSelectionTimeoutMS: 5_000 });
  try {
    await mongo.db(mongoDatabase).dropDatabase();
  } catch {
    /* best effort */
  } finally {
    await mongo.close().catch(() => undefined);
  }
}

/** SIGTERM, and the exit awaited (at once if the child is gone already). */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}
