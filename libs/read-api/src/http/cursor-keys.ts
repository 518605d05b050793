import { hkdfSync } from 'node:crypto';
import type { SigningKey } from '@medido/auth';

/**
 * Cursor HMAC keys derived (HKDF-SHA256, RFC 5869) from the token signing keys: every replica already
 * shares those, so cursors verify on any replica with no extra secret to distribute, and a derived key
 * reveals nothing about the signing key. Rotation of signing keys rotates cursor keys alike.
 * @see https://www.rfc-editor.org/rfc/rfc5869
 */
export function cursorKeysFromSigningKeys(keys: SigningKey[]): Buffer[] {
  return keys.map((k) => {
    const secret = k.privateKey.export({ format: 'der', type: 'pkcs8' });
    return Buffer.from(hkdfSync('sha256', secret, 'medido', 'medido read-api cursor v1', 32));
  });
}
