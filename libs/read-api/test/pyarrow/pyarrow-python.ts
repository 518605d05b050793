import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * A Python that imports pyarrow, for tests that read answers with an independent Arrow implementation:
 * MEDIDO_PYARROW_PYTHON, else the venv `~/.cache/medido/pyarrow-venv` (created on first use with
 * `python3 -m venv … && …/pip install pyarrow`), else a python3 that has it. `reason` says why there is none.
 */
export function pyarrowPython(): { python: string | null; reason: string } {
  const venv = join(homedir(), '.cache/medido/pyarrow-venv');
  const candidates = [process.env.MEDIDO_PYARROW_PYTHON, join(venv, 'bin/python')].filter(
    (p): p is string => !!p && existsSync(p),
  );
  const hasPyarrow = (python: string) => {
    try {
      execFileSync(python, ['-c', 'import pyarrow'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  for (const python of [...candidates, 'python3']) if (hasPyarrow(python)) return { python, reason: '' };
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
  } catch {
    return { python: null, reason: 'no python3 on this machine: the pyarrow reader is skipped' };
  }
  try {
    execFileSync('python3', ['-m', 'venv', venv], { stdio: 'ignore' });
    execFileSync(join(venv, 'bin/pip'), ['install', '-q', 'pyarrow'], { stdio: 'ignore', timeout: 300_000 });
    return { python: join(venv, 'bin/python'), reason: '' };
  } catch (error) {
    return {
      python: null,
      reason: `pyarrow could not be installed in ${venv} (${(error as Error).message}): the pyarrow reader is skipped`,
    };
  }
}
