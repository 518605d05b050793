import type { RefreshTokenFamily, RefreshTokenStore } from './refresh-token.port.ts';
import type { FamilyRecord, RefreshBackend, RevocationRecord, UseRecord } from './document-backend.port.ts';

/**
 * Refresh-token rotation with reuse detection on insert-only records.
 * @see RFC 9700 §4.14.2 (refresh token rotation: a used token presented again revokes the family)
 *
 * The current token is found by walking the chain from the family's first token through its uses;
 * a use is recorded only for the token that was current, under its hash as unique key, so the chain
 * is linear and of two concurrent rotations of one token exactly one inserts its use.
 */
export function compose(
  family: FamilyRecord,
  uses: UseRecord[],
  revocation: RevocationRecord | null,
): RefreshTokenFamily {
  const byHash = new Map(uses.map((u) => [u.hash, u]));
  const usedHashes: string[] = [];
  let current = { hash: family.firstHash, issuedAt: family.firstIssuedAt, idleExpiresAt: family.firstIdleExpiresAt };
  for (let use = byHash.get(current.hash); use && usedHashes.length < uses.length; use = byHash.get(current.hash)) {
    usedHashes.push(use.hash);
    current = { hash: use.nextHash, issuedAt: use.nextIssuedAt, idleExpiresAt: use.nextIdleExpiresAt };
  }
  return {
    familyId: family.familyId,
    consumerId: family.consumerId,
    createdAt: family.createdAt,
    absoluteExpiresAt: family.absoluteExpiresAt,
    currentHash: current.hash,
    currentIssuedAt: current.issuedAt,
    idleExpiresAt: current.idleExpiresAt,
    usedHashes,
    revokedAt: revocation?.revokedAt ?? null,
    revokedReason: revocation?.reason ?? null,
  };
}

export function createRefreshTokenStore(backend: RefreshBackend): RefreshTokenStore {
  const get = async (familyId: string): Promise<RefreshTokenFamily | null> => {
    const loaded = await backend.load(familyId);
    return loaded && compose(loaded.family, loaded.uses, loaded.revocation);
  };
  const revoke = (family: FamilyRecord, reason: string, at: number): Promise<boolean> =>
    backend.insertRevocation({
      familyId: family.familyId,
      consumerId: family.consumerId,
      revokedAt: at,
      reason,
      absoluteExpiresAt: family.absoluteExpiresAt,
    });

  return {
    async createFamily(family) {
      await backend.insertFamily({
        familyId: family.familyId,
        consumerId: family.consumerId,
        createdAt: family.createdAt,
        absoluteExpiresAt: family.absoluteExpiresAt,
        firstHash: family.currentHash,
        firstIssuedAt: family.currentIssuedAt,
        firstIdleExpiresAt: family.idleExpiresAt,
      });
    },
    async findFamilyByTokenHash(hash) {
      const familyId = await backend.familyIdByHash(hash);
      return familyId === null ? null : get(familyId);
    },
    async rotate(familyId, expectedHash, next) {
      const family = await get(familyId);
      if (!family || family.revokedAt !== null || family.currentHash !== expectedHash) return false;
      return backend.insertUse({
        hash: expectedHash,
        familyId,
        usedAt: next.issuedAt,
        absoluteExpiresAt: family.absoluteExpiresAt,
        nextHash: next.hash,
        nextIssuedAt: next.issuedAt,
        nextIdleExpiresAt: next.idleExpiresAt,
      });
    },
    async revokeFamily(familyId, reason, at) {
      const loaded = await backend.load(familyId);
      if (loaded) await revoke(loaded.family, reason, at);
    },
    async revokeFamiliesOfConsumer(consumerId, reason, at, createdUpTo) {
      const families = (await backend.familiesOfConsumer(consumerId)).filter(
        (f) => createdUpTo === undefined || f.createdAt <= createdUpTo,
      );
      const revoked = await Promise.all(families.map((family) => revoke(family, reason, at)));
      return revoked.filter(Boolean).length;
    },
    purgeExpiredFamilies: (now) => backend.purge(now),
  };
}
