import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The embedded default's ingest and admin credentials, generated once and kept in the data directory. */
export interface EmbeddedCredentials {
  ingestToken: string;
  adminToken: string;
}

export const CREDENTIALS_FILE = 'credentials.json';

/**
 * Reads `<dataDir>/credentials.json`, or creates it (mode 0600: only the owner may read secrets).
 * MEDIDO_INGEST_TOKENS / MEDIDO_ADMIN_TOKENS, when set, are used instead and nothing is written.
 */
export function loadOrCreateCredentials(
  dataDir: string,
  configured: { ingest: string; admin: string },
): EmbeddedCredentials {
  const firstOf = (list: string) =>
    list
      .split(',')[0]
      ?.trim()
      .replace(/@[^@]*$/, '') ?? '';
  if (configured.ingest && configured.admin)
    return { ingestToken: firstOf(configured.ingest), adminToken: firstOf(configured.admin) };
  const file = join(dataDir, CREDENTIALS_FILE);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as EmbeddedCredentials;
  const credentials = {
    ingestToken: randomBytes(32).toString('base64url'),
    adminToken: randomBytes(32).toString('base64url'),
  };
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}
