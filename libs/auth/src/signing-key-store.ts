import { join } from 'node:path';
import { generateSigningJwk, parseSigningKeys, type SigningKey } from './signing-keys.ts';
import { readOrCreateSecretFile } from './secret-file.ts';

/** File name, inside the data directory, of the embedded default's signing keys (same format as MEDIDO_JWT_KEYS). */
export const SIGNING_KEYS_FILE = 'jwt-signing-keys.json';

/**
 * The embedded default's access-token signing keys: read from `dir`, or generated once and kept
 * there (mode 0600) so tokens stay valid across restarts. The file holds the MEDIDO_JWT_KEYS format,
 * so an operator can move it into configuration as is.
 */
export async function loadOrCreateSigningKeys(dir: string): Promise<SigningKey[]> {
  const path = join(dir, SIGNING_KEYS_FILE);
  const json = await readOrCreateSecretFile(path, () => `${JSON.stringify([generateSigningJwk()], null, 2)}\n`);
  try {
    return parseSigningKeys(json);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Configured keys win (production: MEDIDO_JWT_KEYS, newest first, the same on every api replica);
 * without them the keys live in the data directory (embedded default, single process).
 */
export async function loadSigningKeys(source: { json: string; dir: string }): Promise<SigningKey[]> {
  return source.json.trim() ? parseSigningKeys(source.json) : loadOrCreateSigningKeys(source.dir);
}
