import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

/**
 * The short fuzz run of CI: scripts/fuzz.sh (schemathesis from PyPI in ~/.cache/medido/venv-<python version>) against a
 * fresh embedded default, both OpenAPI documents, valid credentials, a bounded number of examples per
 * operation: no 5xx, every status code documented, every response body matching its schema.
 * The full run is `scripts/fuzz.sh --max-examples 100` (docs/benchmarks.md § Fuzzing).
 */
it('finds no server error and no undocumented answer in the api and the ingestor', async () => {
  const script = join(import.meta.dirname, '../../scripts/fuzz.sh');
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn('bash', [script, '--max-examples', '10'], {
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (exitCode) => resolve({ code: exitCode, output: text }));
  });
  expect(code, output.slice(-6000)).toBe(0);
  // Both documents were fuzzed (a run that loaded no operation would also exit 0).
  expect(output.match(/\d+ generated, \d+ passed/g)?.length, output.slice(-3000)).toBe(2);
}, 240_000);
