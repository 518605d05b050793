import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../bench/harness/ports.ts';
import { eventually } from '../support/eventually.ts';

/**
 * The README's first command exactly as a newcomer types it: `git clone`, then `npm start` in the new
 * directory — no node_modules, no setup step. It must install what it needs by itself, become ready and
 * print the credentials it wrote to `<data dir>/credentials.json`.
 * The clone is of the committed HEAD: uncommitted edits of the checkout under test are not in it.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'medido-fresh-clone-'));
let stop: (() => void) | undefined;

afterAll(() => {
  stop?.();
  rmSync(work, { recursive: true, force: true });
});

describe('a fresh clone', () => {
  it('`npm start` installs its dependencies, becomes ready and prints its credentials', async () => {
    const clone = join(work, 'medido');
    execFileSync('git', ['clone', '--quiet', ROOT, clone]);
    const port = await freePort();
    const dataDir = join(work, 'data');
    // The machine's environment (registry certificates included) without what the test runner adds.
    const shell = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !/^(VITEST|NODE_OPTIONS|npm_|INIT_CWD|MEDIDO_)/i.test(key)),
    );
    const env = { ...shell, PORT: String(port), HOST: '127.0.0.1', MEDIDO_DATA_DIR: dataDir, MEDIDO_DEMO: 'false' };
    const child = spawn('npm', ['start'], { cwd: clone, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    stop = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    };
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    let exitCode: number | null | undefined;
    child.once('exit', (code) => {
      exitCode = code;
    });

    await eventually(
      async () => {
        if (exitCode !== undefined) throw new Error(`npm start exited with ${exitCode}:\n${output.slice(-3000)}`);
        return (await fetch(`http://127.0.0.1:${port}/health/ready`)).status === 200 ? true : undefined;
      },
      `a ready fresh clone (output so far:\n${output.slice(-2000)})`,
      280_000,
      500,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${output.slice(-3000)}`);
    });

    const credentials = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as {
      ingestToken: string;
      adminToken: string;
    };
    await eventually(
      async () =>
        output.includes(credentials.ingestToken) && output.includes(credentials.adminToken) ? true : undefined,
      'the printed credentials',
      10_000,
    );
    expect((await fetch(`http://127.0.0.1:${port}/v1/organizations`)).status).toBe(401);
  }, 300_000);
});
