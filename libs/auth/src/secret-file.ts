import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Reads a secret file, or creates it with `create()` when it does not exist. The file is created
 * exclusively (`wx`) with mode 0600 in a 0700 directory, so two processes starting together keep the
 * first one's secret and no other local user can read it. An existing file readable by group or
 * others is refused, as ssh does with private keys, rather than trusted silently.
 */
export async function readOrCreateSecretFile(path: string, create: () => string): Promise<string> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    await writeFile(path, create(), { mode: 0o600, flag: 'wx' });
    // The umask may have cleared bits of `mode` but never adds any; make the mode exact anyway.
    await chmod(path, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const { mode } = await stat(path);
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new Error(`${path} is readable by other users (mode ${(mode & 0o777).toString(8)}); run: chmod 600 ${path}`);
  }
  return readFile(path, 'utf8');
}
