import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { eventually } from './eventually.ts';

export interface MedidoProcess {
  child: ChildProcess;
  baseUrl: string;
  /** What the process printed so far, stdout and stderr interleaved. */
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * The one spawner of the tests: `medido start` (what `npm start` runs: the embedded default) as a child
 * process on `port` with its data in `dataDir`; `env` adds to (or overrides) the parent's environment.
 */
export function startMedido(options: { port: number; dataDir: string; env?: Record<string, string> }): MedidoProcess {
  const baseUrl = `http://localhost:${options.port}`;
  const child = spawn(process.execPath, [join(import.meta.dirname, '../../apps/medido/src/main.ts'), 'start'], {
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      MEDIDO_PUBLIC_URL: baseUrl,
      MEDIDO_DATA_DIR: options.dataDir,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, baseUrl, output: () => output, exited };
}

/**
 * Waits until `/health/ready` answers 200 and resolves to how long that took; rejects at once when the
 * process exits first, and with the end of what it printed either way.
 */
export async function waitUntilReady(medido: MedidoProcess, timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  let exited = false;
  const died = medido.exited.then(({ code, signal }) => {
    exited = true;
    throw new Error(`the process exited (${code ?? signal}) before it was ready`);
  });
  died.catch(() => undefined);
  try {
    await Promise.race([
      eventually(
        async () => !exited && (await fetch(`${medido.baseUrl}/health/ready`)).status === 200,
        'readiness',
        timeoutMs,
        250,
      ),
      died,
    ]);
  } catch (error) {
    throw new Error(`${(error as Error).message}; the process printed:\n${medido.output().slice(-3000)}`);
  }
  return Date.now() - started;
}
