import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { MongoClient } from 'mongodb';
import { freePort } from '../../../bench/harness/ports.ts';
import { eventually } from '../../support/eventually.ts';

/**
 * Servers a fault test owns and may stop: a second FerretDB and a second Kafka broker, on their own
 * ports and directories. The shared ones (Kafka on 19092, FerretDB on 27027) are never touched.
 */
const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../../..');
const SHARED_INFRA = join(process.env.HOME ?? '', '.cache/medido/infra');

export interface PrivateFerretDB {
  url: string;
  /** Kills the server (SIGKILL: a crash, not a shutdown) and waits until it is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data, and waits until it answers. */
  start(): Promise<void>;
  dispose(): Promise<void>;
}

export async function startPrivateFerretDB(): Promise<PrivateFerretDB> {
  const { stdout } = await run('bash', [join(ROOT, 'scripts/infra/build-ferretdb.sh')], { timeout: 900_000 });
  const bin = stdout.trim().split('\n').at(-1)!;
  const dir = mkdtempSync(join(tmpdir(), 'medido-fault-ferretdb-'));
  mkdirSync(join(dir, 'data'));
  const port = await freePort();
  const url = `mongodb://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  const answers = async () => {
    const client = new MongoClient(url, { serverSelectionTimeoutMS: 500 });
    try {
      await client.db('admin').command({ ping: 1 });
      return true;
    } catch {
      return false;
    } finally {
      await client.close();
    }
  };
  const start = async () => {
    server = spawn(
      bin,
      [
        '--handler=sqlite',
        `--sqlite-url=file:${dir}/data/`,
        `--state-dir=${dir}`,
        `--listen-addr=127.0.0.1:${port}`,
        '--debug-addr=-',
        '--telemetry=disable',
        '--log-level=ERROR',
      ],
      { stdio: 'ignore' },
    );
    await eventually(answers, `FerretDB on port ${port}`, 30_000, 100);
  };
  const kill = async () => {
    const current = server;
    if (!current || current.exitCode !== null || current.signalCode !== null) return;
    await new Promise((resolve) => {
      current.once('exit', resolve);
      current.kill('SIGKILL');
    });
  };
  await start();
  return {
    url,
    start,
    kill,
    async dispose() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface PrivateKafka {
  brokers: string[];
  /** `infra.sh down kafka`: a controlled shutdown of this broker only. */
  down(): Promise<void>;
  /** `infra.sh up kafka`: starts it again on the same ports and log directory. */
  up(): Promise<void>;
  dispose(): Promise<void>;
}

/** A single-node Kafka (KRaft) of its own, started by scripts/infra/infra.sh with private ports and state. */
export async function startPrivateKafka(): Promise<PrivateKafka> {
  const state = mkdtempSync(join(tmpdir(), 'medido-fault-kafka-'));
  const [port, controller] = [await freePort(), await freePort()];
  const env = {
    ...process.env,
    MEDIDO_INFRA_DIR: state,
    MEDIDO_KAFKA_PORT: String(port),
    MEDIDO_KAFKA_CONTROLLER_PORT: String(controller),
  };
  const infra = (command: 'up' | 'down') =>
    run('bash', [join(ROOT, 'scripts/infra/infra.sh'), command, 'kafka'], { env, timeout: 300_000 });
  const sharedPid = () =>
    existsSync(join(SHARED_INFRA, 'kafka/pid')) ? readFileSync(join(SHARED_INFRA, 'kafka/pid'), 'utf8').trim() : '';
  const down = async () => {
    // Guard: the pid file this stops must be ours, never the shared broker's.
    const pidFile = join(state, 'kafka/pid');
    if (!existsSync(pidFile) || readFileSync(pidFile, 'utf8').trim() === sharedPid())
      throw new Error('refusing to stop a broker this test did not start');
    await infra('down');
  };
  await infra('up');
  return {
    brokers: [`127.0.0.1:${port}`],
    down,
    up: async () => {
      await infra('up');
    },
    async dispose() {
      await down().catch(() => undefined);
      rmSync(state, { recursive: true, force: true });
    },
  };
}
