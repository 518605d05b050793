import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('a service that is not running', () => {
  it.each([
    ['kafka', '127.0.0.1:1'],
    ['mongo', 'mongodb://127.0.0.1:1'],
  ])('%s probe fails fast and names the service', async (kind, target) => {
    const started = Date.now();
    const failure = await run(process.execPath, ['scripts/infra/probe.ts', kind, target]).then(
      () => null,
      (e: { stderr: string; code: number }) => e,
    );
    expect(failure).not.toBeNull();
    expect(failure!.code).toBe(1);
    expect(failure!.stderr).toContain(`${kind} at ${target} is not ready`);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
