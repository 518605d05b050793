import { describe, expect, it } from 'vitest';
import type { RefreshTokenFamily, RefreshTokenStore } from '../refresh-token.port.ts';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-02T12:00:00.000Z');

function newFamily(familyId: string, overrides: Partial<RefreshTokenFamily> = {}): RefreshTokenFamily {
  return {
    familyId,
    consumerId: 'c-1',
    createdAt: T0,
    absoluteExpiresAt: T0 + 90 * 24 * HOUR,
    currentHash: `${familyId}-h0`,
    currentIssuedAt: T0,
    idleExpiresAt: T0 + 14 * 24 * HOUR,
    usedHashes: [],
    revokedAt: null,
    revokedReason: null,
    ...overrides,
  };
}
const next = (hash: string, hours: number) => ({
  hash,
  issuedAt: T0 + hours * HOUR,
  idleExpiresAt: T0 + hours * HOUR + 14 * 24 * HOUR,
});

/** Refresh-token families: rotation with reuse detection (RFC 9700 §4.14.2) and revocation. */
export function describeRefreshTokenStoreContract(fresh: () => Promise<RefreshTokenStore>): void {
  describe('refresh-token families', () => {
    it('rotates the current token and still finds the family by a used one', async () => {
      const store = await fresh();
      await store.createFamily(newFamily('f-1'));
      expect(await store.findFamilyByTokenHash('f-1-h0')).toEqual(newFamily('f-1'));
      expect(await store.rotate('f-1', 'f-1-h0', next('f-1-h1', 1))).toBe(true);
      expect(await store.rotate('f-1', 'f-1-h0', next('f-1-hX', 2))).toBe(false); // reuse of h0
      expect(await store.rotate('f-1', 'f-1-h1', next('f-1-h2', 2))).toBe(true);
      const rotated = newFamily('f-1', {
        currentHash: 'f-1-h2',
        currentIssuedAt: T0 + 2 * HOUR,
        idleExpiresAt: T0 + 2 * HOUR + 14 * 24 * HOUR,
        usedHashes: ['f-1-h0', 'f-1-h1'],
      });
      for (const hash of ['f-1-h0', 'f-1-h1', 'f-1-h2'])
        expect(await store.findFamilyByTokenHash(hash)).toEqual(rotated);
      expect(await store.findFamilyByTokenHash('f-1-hX')).toBeNull();
      expect(await store.rotate('f-unknown', 'f-1-h2', next('f-1-h3', 3))).toBe(false);
    });

    it('lets exactly one of concurrent rotations of a token win', async () => {
      const store = await fresh();
      await store.createFamily(newFamily('f-2'));
      let current = 'f-2-h0';
      for (let round = 1; round <= 6; round++) {
        const contenders = Array.from({ length: round % 2 === 0 ? 4 : 2 }, (_, i) => `f-2-r${round}-${i}`);
        const results = await Promise.all(contenders.map((hash) => store.rotate('f-2', current, next(hash, round))));
        expect(results.filter(Boolean)).toHaveLength(1);
        const winner = contenders[results.indexOf(true)] as string;
        expect((await store.findFamilyByTokenHash(current))?.currentHash).toBe(winner);
        current = winner;
      }
      expect((await store.findFamilyByTokenHash(current))?.usedHashes).toHaveLength(6);
    });

    it('revokes a family once, keeping the first reason, and refuses to rotate it', async () => {
      const store = await fresh();
      await store.createFamily(newFamily('f-3'));
      await store.createFamily(newFamily('f-4', { consumerId: 'c-9' }));
      await store.revokeFamily('f-3', 'reuse_detected', T0 + HOUR);
      await store.revokeFamily('f-3', 'logout', T0 + 2 * HOUR);
      await store.revokeFamily('f-unknown', 'logout', T0);
      expect(await store.findFamilyByTokenHash('f-3-h0')).toEqual(
        newFamily('f-3', { revokedAt: T0 + HOUR, revokedReason: 'reuse_detected' }),
      );
      expect(await store.rotate('f-3', 'f-3-h0', next('f-3-h1', 1))).toBe(false);
      expect(await store.findFamilyByTokenHash('f-4-h0')).toEqual(newFamily('f-4', { consumerId: 'c-9' }));
    });

    it("revokes all of a consumer's families and counts only those not revoked before", async () => {
      const store = await fresh();
      for (const id of ['f-5', 'f-6', 'f-7']) await store.createFamily(newFamily(id, { consumerId: 'c-5' }));
      await store.createFamily(newFamily('f-8', { consumerId: 'c-6' }));
      await store.revokeFamily('f-5', 'logout', T0);
      expect(await store.revokeFamiliesOfConsumer('c-5', 'consumer_disabled', T0 + HOUR)).toBe(2);
      expect(await store.revokeFamiliesOfConsumer('c-5', 'consumer_disabled', T0 + 2 * HOUR)).toBe(0);
      const reasons = await Promise.all(
        ['f-5', 'f-6', 'f-7', 'f-8'].map(async (id) => {
          const family = await store.findFamilyByTokenHash(`${id}-h0`);
          return [family?.revokedReason, family?.revokedAt];
        }),
      );
      expect(reasons).toEqual([
        ['logout', T0],
        ['consumer_disabled', T0 + HOUR],
        ['consumer_disabled', T0 + HOUR],
        [null, null],
      ]);
    });

    it('purges families past their absolute expiry, with their used tokens', async () => {
      const store = await fresh();
      await store.createFamily(newFamily('f-old', { absoluteExpiresAt: T0 + HOUR }));
      await store.createFamily(newFamily('f-new', { absoluteExpiresAt: T0 + 3 * HOUR }));
      expect(await store.rotate('f-old', 'f-old-h0', next('f-old-h1', 0.5))).toBe(true);
      await store.revokeFamily('f-old', 'logout', T0 + 0.5 * HOUR);
      expect(await store.purgeExpiredFamilies(T0 + 2 * HOUR)).toBe(1);
      for (const hash of ['f-old-h0', 'f-old-h1']) expect(await store.findFamilyByTokenHash(hash)).toBeNull();
      expect(await store.findFamilyByTokenHash('f-new-h0')).toEqual(
        newFamily('f-new', { absoluteExpiresAt: T0 + 3 * HOUR }),
      );
      expect(await store.purgeExpiredFamilies(T0 + 2 * HOUR)).toBe(0);
    });
  });
}
