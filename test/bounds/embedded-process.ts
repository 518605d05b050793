import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accessTokensOf } from '../../bench/harness/access-tokens.ts';
import { freePort } from '../../bench/harness/ports.ts';
import { startMedido, waitUntilReady } from '../support/medido-process.ts';

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
 * The embedded default (test/support's `startMedido`) on a fresh data directory, demo off, no external
 * service and no throttling, with extra environment; `prepare` runs on the data directory before it starts.
 */
export async function startEmbedded(
  env: Record<string, string> = {},
  prepare?: (dataDir: string) => Promise<void>,
): Promise<EmbeddedProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'medido-bounds-'));
  await prepare?.(dataDir);
  const port = await freePort();
  const medido = startMedido({
    port,
    dataDir,
    env: {
      MEDIDO_DEMO: 'false',
      MEDIDO_KAFKA_BROKERS: '',
      MEDIDO_MONGO_URL: '',
      MEDIDO_CLICKHOUSE_URL: '',
      MEDIDO_RATE_LIMIT_PER_MINUTE: '1000000',
      ...env,
    },
  });
  const { child, baseUrl: url } = medido;
  try {
    await waitUntilReady(medido, 120_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const credentials = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as { ingestToken: string };
  const accessToken = await accessTokensOf(url, dataDir, 'bounds');
  return {
    url,
    dataDir,
    child,
    ingestToken: credentials.ingestToken,
    accessToken,
    rss: () => rssOf(child.pid!),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await medido.exited;
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
  const timer = setInterval(() => {
    peak = Math.max(peak, read());
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, read());
    },
  };
}

export const MiB = 1024 * 1024;
