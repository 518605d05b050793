import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accessTokenAudience, accessTokenIssuer, createAccessTokenIssuer, loadSigningKeys } from '@medido/auth';
import { freePort } from '../../bench/harness/ports.ts';
import { until } from '../../bench/harness/stats.ts';

export interface EmbeddedProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  ingestToken: string;
  accessToken(): Promise<string>;
  /** Resident set size of the process now (Linux /proc), in bytes: heap, native and chDB memory alike. */
  rss(): number;
  stop(): Promise<void>;
}

/**
 * `npm start` (the embedded default: all roles in one process) as a child process on a fresh data
 * directory, demo off, with extra environment; `prepare` runs on the data directory before it starts.
 */
export async function startEmbedded(env: Record<string, string> = {}, prepare?: (dataDir: string) => Promise<void>): Promise<EmbeddedProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'medido-bounds-'));
  await prepare?.(dataDir);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let stderr = '';
  const child = spawn(process.execPath, [join(import.meta.dirname, '../../apps/medido/src/main.ts'), 'start'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', MEDIDO_PUBLIC_URL: url, MEDIDO_DATA_DIR: dataDir, MEDIDO_DEMO: 'false',
      LOG_LEVEL: 'warn', MEDIDO_KAFKA_BROKERS: '', MEDIDO_MONGO_URL: '', MEDIDO_CLICKHOUSE_URL: '', MEDIDO_RATE_LIMIT_PER_MINUTE: '1000000', ...env,
    },
  });
  child.stderr!.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4000); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await until(async () => {
      if (child.exitCode !== null) throw new Error(`the embedded process exited (${child.exitCode}):\n${stderr}`);
      return fetch(`${url}/health/ready`).then((r) => r.ok, () => false);
    }, 'the embedded process to be ready', 120_000, 200);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const credentials = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as { ingestToken: string };
  const keys = await loadSigningKeys({ json: '', dir: dataDir });
  const issuer = createAccessTokenIssuer(keys, { issuer: accessTokenIssuer(url), audience: accessTokenAudience(url), ttlSeconds: 900 });
  return {
    url, dataDir, child, ingestToken: credentials.ingestToken,
    accessToken: async () => issuer.issue({ consumerId: 'bounds', grants: [] }).token,
    rss: () => rssOf(child.pid!),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!kib) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kib[1]) * 1024;
}

/** Samples `read` every `everyMs` until stopped; answers the highest value seen. */
export function peakOf(read: () => number, everyMs = 50): { stop(): number } {
  let peak = read();
  const timer = setInterval(() => { peak = Math.max(peak, read()); }, everyMs);
  return { stop() { clearInterval(timer); return Math.max(peak, read()); } };
}

export const MiB = 1024 * 1024;
