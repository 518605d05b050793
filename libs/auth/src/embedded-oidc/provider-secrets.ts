import { createHash, generateKeyPairSync, randomBytes, type JsonWebKey } from 'node:crypto';
import { join } from 'node:path';
import { readOrCreateSecretFile } from '../secret-file.ts';

/** What the embedded provider must keep across restarts: its ID-token signing keys, cookie keys, and the api's client secret. */
export interface ProviderSecrets {
  jwks: { keys: JsonWebKey[] };
  cookieKeys: string[];
  /** The secret of the api's client registration (MEDIDO_OIDC_CLIENT_SECRET of the embedded default). */
  clientSecret: string;
}

export const PROVIDER_SECRETS_FILE = 'oidc-provider-secrets.json';

/**
 * RSA 2048 / RS256: the ID-token algorithm every relying party supports and the OIDC default.
 * kid = RFC 7638 thumbprint of the public key.
 */
export function generateProviderSecrets(): ProviderSecrets {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pub = publicKey.export({ format: 'jwk' });
  const kid = createHash('sha256')
    .update(JSON.stringify({ e: pub.e, kty: pub.kty, n: pub.n }))
    .digest('base64url');
  return {
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } as JsonWebKey] },
    cookieKeys: [randomBytes(32).toString('base64url')],
    clientSecret: randomBytes(32).toString('base64url'),
  };
}

/** Reads the embedded provider's secrets from `dir`, generating them (mode 0600) on first start. */
export async function loadOrCreateProviderSecrets(dir: string): Promise<ProviderSecrets> {
  const path = join(dir, PROVIDER_SECRETS_FILE);
  const json = await readOrCreateSecretFile(path, () => `${JSON.stringify(generateProviderSecrets(), null, 2)}\n`);
  const secrets = JSON.parse(json) as Partial<ProviderSecrets>;
  if (!secrets.jwks?.keys?.length || !secrets.cookieKeys?.length || !secrets.clientSecret)
    throw new Error(`${path} is incomplete; delete it to generate new secrets`);
  return secrets as ProviderSecrets;
}
