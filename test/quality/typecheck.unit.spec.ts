import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** Runs a tool and returns what it printed when it failed ('' on success). */
async function failuresOf(script: string, args: string[]): Promise<string> {
  return run(process.execPath, [script, ...args], { maxBuffer: 16 << 20 }).then(
    () => '',
    (e: { stdout: string; stderr: string }) => e.stdout || e.stderr,
  );
}

/** Type-check and lint are part of the suite, so a type error or a boundary violation fails CI like a bug. */
describe('code quality gates', () => {
  it('type-checks the whole workspace (TypeScript strict)', async () => {
    expect(await failuresOf('node_modules/typescript/bin/tsc', ['-p', 'tsconfig.json', '--noEmit'])).toBe('');
  }, 300_000);

  it('lints the whole workspace, including Nx module boundaries', async () => {
    // The boundary rule reads Nx's project graph; computing it first makes the rule run, not skip.
    expect(await failuresOf('node_modules/nx/dist/bin/nx.js', ['show', 'projects'])).toBe('');
    expect(await failuresOf('node_modules/eslint/bin/eslint.js', ['.'])).toBe('');
  }, 300_000);
});
