import { join } from 'node:path';
import { generateWebhookSigningKey, webhookSigningKeyOf } from '@medido/platform';
import { readOrCreateSecretFile } from './secret-file.ts';

/** File name, inside the data directory, of the embedded default's webhook signing key (the MEDIDO_WEBHOOK_SIGNING_KEY format). */
export const WEBHOOK_KEY_FILE = 'webhook-signing-key';

/**
 * The operator key every webhook secret is derived from: configured (production: the same
 * MEDIDO_WEBHOOK_SIGNING_KEY on every api replica and the notifier), else generated once in the data
 * directory (embedded default, one process), like the access-token signing keys.
 */
export async function loadWebhookSigningKey(source: { configured: string; dir: string }): Promise<Buffer> {
  if (source.configured.trim()) return webhookSigningKeyOf(source.configured);
  const path = join(source.dir, WEBHOOK_KEY_FILE);
  const text = await readOrCreateSecretFile(path, () => `${generateWebhookSigningKey()}\n`);
  try {
    return webhookSigningKeyOf(text);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
  }
}
