import { spawn, type ChildProcess } from 'node:child_process';

/** Polls `check` until it returns a value (not undefined) or the time runs out. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 60_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) { lastError = error; }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}

export interface MedidoProcess {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs `medido start` (what `npm start` runs) as a child process on `port` with its data in `dataDir`. */
export function startMedido(options: { port: number; dataDir: string; env?: Record<string, string> }): MedidoProcess {
  const baseUrl = `http://localhost:${options.port}`;
  const child = spawn(process.execPath, ['apps/medido/src/main.ts', 'start'], {
    env: {
      ...process.env, PORT: String(options.port), HOST: '127.0.0.1', MEDIDO_PUBLIC_URL: baseUrl,
      MEDIDO_DATA_DIR: options.dataDir, LOG_LEVEL: 'warn', ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, baseUrl, output: () => output, exited };
}

export async function waitUntilReady(medido: MedidoProcess, timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  try {
    await eventually(async () => ((await fetch(`${medido.baseUrl}/health/ready`)).status === 200 ? true : undefined), 'readiness', timeoutMs);
  } catch (error) {
    throw new Error(`${(error as Error).message}; the process printed:\n${medido.output().slice(-3000)}`);
  }
  return Date.now() - started;
}
