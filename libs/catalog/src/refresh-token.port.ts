/**
 * The refresh-token port: the rotating token families of OAuth logins (RFC 9700 §4.14.2: a used token
 * presented again revokes its family). Kept in the catalog's database by the same adapters, but a port of
 * its own, used only by the auth routes: `CatalogStore.refreshTokens`. Contract suite:
 * testing/refresh-token-store.contract.ts.
 */

export interface RefreshTokenFamily {
  familyId: string;
  consumerId: string;
  createdAt: number;
  absoluteExpiresAt: number;
  /** Hash (SHA-256, base64url) of the one refresh token of this family that may still be used. */
  currentHash: string;
  currentIssuedAt: number;
  idleExpiresAt: number;
  /** Hashes of tokens already rotated out, oldest first: presenting one is reuse and revokes the family. */
  usedHashes: string[];
  revokedAt: number | null;
  revokedReason: string | null;
}

export interface RefreshTokenStore {
  /** Starts a family: `currentHash` is its first token; `usedHashes` and revocation are ignored. */
  createFamily(family: RefreshTokenFamily): Promise<void>;
  /** The family holding a token, current or already used (reuse detection), revoked or not; else null. */
  findFamilyByTokenHash(hash: string): Promise<RefreshTokenFamily | null>;
  /**
   * Atomically replaces `expectedHash` by `next`; false when `expectedHash` is no longer current (a race
   * or a reuse) or the family is revoked or unknown. Of concurrent rotations of one token, exactly one wins.
   */
  rotate(
    familyId: string,
    expectedHash: string,
    next: { hash: string; issuedAt: number; idleExpiresAt: number },
  ): Promise<boolean>;
  /** Revokes a family; the first revocation's time and reason are kept. */
  revokeFamily(familyId: string, reason: string, at: number): Promise<void>;
  /** Revokes every family of a consumer (created up to `createdUpTo` ms, when given); returns how many were not revoked before. */
  revokeFamiliesOfConsumer(consumerId: string, reason: string, at: number, createdUpTo?: number): Promise<number>;
  /**
   * Deletes families whose absolute expiry is before `now` (ms); returns how many. No TTL index is
   * portable (FerretDB), so the api runs this periodically instead.
   */
  purgeExpiredFamilies(now: number): Promise<number>;
}
