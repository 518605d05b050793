import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { join } from 'node:path';
import { eventually } from '@medido/platform/testing/eventually';

/**
 * The standalone ingestor (apps/ingestor/src/main.ts) as a child process on `port`, producing to `brokers`
 * under `topicPrefix` and accepting `token` only; production mode, so it runs as it would deployed.
 * Resolves once `/health/ready` answers (within a minute); the caller stops it.
 */
export async function startIngestor(options: {
  port: number;
  brokers: string[];
  topicPrefix: string;
  token: string;
  stdio: StdioOptions;
}): Promise<{ child: ChildProcess; url: string }> {
  const url = `http://127.0.0.1:${options.port}`;
  const child = spawn(process.execPath, [join(import.meta.dirname, '../../apps/ingestor/src/main.ts')], {
    stdio: options.stdio,
    env: {
      ...process.env,
      PORT: String(options.port),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      MEDIDO_KAFKA_BROKERS: options.brokers.join(','),
      MEDIDO_KAFKA_TOPIC_PREFIX: options.topicPrefix,
      MEDIDO_INGEST_TOKENS: options.token,
    },
  });
  try {
    await eventually(
      () =>
        fetch(`${url}/health/ready`).then(
          (r) => r.ok,
          () => false,
        ),
      'the ingestor',
      60_000,
      200,
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { child, url };
}
