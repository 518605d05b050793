import type { DatabaseSync } from 'node:sqlite';
import type { FamilyRecord, RefreshBackend, RevocationRecord, UseRecord } from '../document-backend.port.ts';
import { inTransaction } from './sqlite-schema.ts';

const FAMILY = `family_id AS familyId, consumer_id AS consumerId, created_at AS createdAt, absolute_expires_at AS absoluteExpiresAt,
  first_hash AS firstHash, first_issued_at AS firstIssuedAt, first_idle_expires_at AS firstIdleExpiresAt`;
const USE = `hash, family_id AS familyId, used_at AS usedAt, absolute_expires_at AS absoluteExpiresAt, next_hash AS nextHash,
  next_issued_at AS nextIssuedAt, next_idle_expires_at AS nextIdleExpiresAt`;
const REVOCATION =
  'family_id AS familyId, consumer_id AS consumerId, revoked_at AS revokedAt, reason, absolute_expires_at AS absoluteExpiresAt';

/** Refresh-token records in node:sqlite; a unique key refuses a second use or revocation, as in MongoDB. */
export function sqliteRefresh(db: DatabaseSync): RefreshBackend {
  const insertFamily =
    db.prepare(`INSERT INTO refresh_families (family_id, consumer_id, created_at, absolute_expires_at, first_hash,
    first_issued_at, first_idle_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insertUse =
    db.prepare(`INSERT INTO refresh_token_uses (hash, family_id, used_at, absolute_expires_at, next_hash, next_issued_at,
    next_idle_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
  const insertRevocation =
    db.prepare(`INSERT INTO refresh_revocations (family_id, consumer_id, revoked_at, reason, absolute_expires_at)
    VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
  const byHash = db.prepare(`SELECT family_id AS familyId FROM refresh_families WHERE first_hash = ?
    UNION ALL SELECT family_id FROM refresh_token_uses WHERE hash = ? OR next_hash = ? LIMIT 1`);
  const family = db.prepare(`SELECT ${FAMILY} FROM refresh_families WHERE family_id = ?`);
  const uses = db.prepare(`SELECT ${USE} FROM refresh_token_uses WHERE family_id = ?`);
  const revocation = db.prepare(`SELECT ${REVOCATION} FROM refresh_revocations WHERE family_id = ?`);
  const ofConsumer = db.prepare(`SELECT ${FAMILY} FROM refresh_families WHERE consumer_id = ?`);
  const purge = ['refresh_families', 'refresh_token_uses', 'refresh_revocations'].map((table) =>
    db.prepare(`DELETE FROM ${table} WHERE absolute_expires_at < ?`),
  );

  return {
    async insertFamily(f) {
      insertFamily.run(
        f.familyId,
        f.consumerId,
        f.createdAt,
        f.absoluteExpiresAt,
        f.firstHash,
        f.firstIssuedAt,
        f.firstIdleExpiresAt,
      );
    },
    async insertUse(u) {
      return (
        Number(
          insertUse.run(
            u.hash,
            u.familyId,
            u.usedAt,
            u.absoluteExpiresAt,
            u.nextHash,
            u.nextIssuedAt,
            u.nextIdleExpiresAt,
          ).changes,
        ) === 1
      );
    },
    async insertRevocation(r) {
      return (
        Number(insertRevocation.run(r.familyId, r.consumerId, r.revokedAt, r.reason, r.absoluteExpiresAt).changes) === 1
      );
    },
    async familyIdByHash(hash) {
      const row = byHash.get(hash, hash, hash) as { familyId: string } | undefined;
      return row?.familyId ?? null;
    },
    async load(familyId) {
      const found = family.get(familyId) as FamilyRecord | undefined;
      if (!found) return null;
      return {
        family: { ...found },
        uses: (uses.all(familyId) as unknown as UseRecord[]).map((u) => ({ ...u })),
        revocation: (revocation.get(familyId) as RevocationRecord | undefined) ?? null,
      };
    },
    async familiesOfConsumer(consumerId) {
      return (ofConsumer.all(consumerId) as unknown as FamilyRecord[]).map((f) => ({ ...f }));
    },
    async purge(now) {
      return inTransaction(db, () => purge.map((statement) => Number(statement.run(now).changes))[0] ?? 0);
    },
  };
}
