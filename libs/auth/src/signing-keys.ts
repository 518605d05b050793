import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';

/**
 * The access-token signing keys. The first key signs; every key verifies and is published in the JWKS,
 * so after a rotation (new key prepended) tokens signed by the previous key stay valid until they expire
 * (≤ 15 min). Drop the old key from configuration only after that.
 * Ed25519 (JWS `EdDSA`): small keys, fast verification, no parameter choices to get wrong.
 */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicJwk: JsonWebKey & { kid: string; alg: 'EdDSA'; use: 'sig' };
}

/** RFC 7638 JWK thumbprint (SHA-256, base64url) of an OKP public key: a stable, content-derived kid. */
function thumbprint(jwk: JsonWebKey): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x });
  return createHash('sha256').update(canonical).digest('base64url');
}

export function signingKeyFromPrivateJwk(jwk: JsonWebKey): SigningKey {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.d)
    throw new Error('signing keys must be private Ed25519 JWKs (kty OKP, crv Ed25519, with d)');
  const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
  const publicKey = createPublicKey(privateKey);
  const pub = publicKey.export({ format: 'jwk' });
  const kid = (jwk as { kid?: string }).kid ?? thumbprint(pub);
  return { kid, privateKey, publicKey, publicJwk: { ...pub, kid, alg: 'EdDSA', use: 'sig' } };
}

export function generateSigningJwk(): JsonWebKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return { ...jwk, kid: thumbprint(createPublicKey(privateKey).export({ format: 'jwk' })) } as JsonWebKey;
}

/** Parses MEDIDO_JWT_KEYS: a JSON array of private JWKs, newest (signing) first. */
export function parseSigningKeys(json: string): SigningKey[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error('MEDIDO_JWT_KEYS is not valid JSON');
  }
  if (!Array.isArray(parsed) || parsed.length === 0)
    throw new Error('MEDIDO_JWT_KEYS must be a non-empty JSON array of private JWKs');
  const keys = parsed.map((jwk) => signingKeyFromPrivateJwk(jwk as JsonWebKey));
  if (new Set(keys.map((k) => k.kid)).size !== keys.length)
    throw new Error('MEDIDO_JWT_KEYS holds two keys with the same kid');
  return keys;
}

/** The JSON Web Key Set served at /.well-known/jwks.json (public parts only). */
export function jwks(keys: SigningKey[]): { keys: SigningKey['publicJwk'][] } {
  return { keys: keys.map((k) => k.publicJwk) };
}
