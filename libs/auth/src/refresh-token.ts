import { createHash, randomBytes } from 'node:crypto';

/**
 * Refresh tokens are opaque bearer secrets: 32 random bytes (256 bits) in base64url behind a fixed
 * prefix, so a leaked one is recognisable by secret scanners and by people. The store keeps only the
 * SHA-256 of a token: with this much entropy a plain hash cannot be reversed or brute-forced, and a
 * copy of the database is not a set of usable credentials.
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.14
 */
export const REFRESH_TOKEN_PREFIX = 'mdo_rt_';
const REFRESH_TOKEN_BYTES = 32;
const WELL_FORMED = /^mdo_rt_[A-Za-z0-9_-]{43}$/;

export function generateRefreshToken(): string {
  return REFRESH_TOKEN_PREFIX + randomBytes(REFRESH_TOKEN_BYTES).toString('base64url');
}

/** SHA-256, base64url: the form stored in RefreshTokenFamily.currentHash and usedHashes. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

/** Cheap shape check before any store lookup: garbage never reaches the database. */
export function isWellFormedRefreshToken(token: unknown): token is string {
  return typeof token === 'string' && WELL_FORMED.test(token);
}
