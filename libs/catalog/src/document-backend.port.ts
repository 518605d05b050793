import type { DeviceStatus } from '@medido/contracts';
import type { CatalogDocuments, CollectionName } from './projection/documents.ts';

/**
 * The storage primitives each catalog adapter provides (internal to this lib). Everything above them
 * (event routing, compare-and-set loop, read-time joins, pagination, token-family logic) is shared,
 * so the MongoDB and node:sqlite adapters behave the same by construction.
 */

export interface StoredDoc<D> {
  doc: D;
  rev: number;
}

/**
 * The queries the read API needs; every one is backed by an index. Only live documents match. The
 * catalog filters (status, variable, name) narrow an indexed scope (organization, installation, unit).
 */
export type DocumentQuery =
  | { collection: 'organizations' }
  | { collection: 'installations'; organizationIds?: string[]; unitId?: string; nameContains?: string }
  | {
      collection: 'devices';
      installationIds?: string[];
      unitId?: string;
      deviceIds?: string[];
      status?: DeviceStatus;
      variable?: string;
      nameContains?: string;
    }
  | { collection: 'consumers'; subject?: string }
  | { collection: 'subscriptions'; consumerId?: string };

export interface DocumentBackend {
  read<C extends CollectionName>(collection: C, id: string): Promise<StoredDoc<CatalogDocuments[C]> | null>;
  /**
   * Compare-and-set: inserts the document when `expectedRev` is null, else replaces it only if its
   * revision is still `expectedRev`. False when another writer got there first (the caller retries).
   */
  write<C extends CollectionName>(
    collection: C,
    id: string,
    doc: CatalogDocuments[C],
    expectedRev: number | null,
  ): Promise<boolean>;
  /** Documents by id (live or not), in no particular order; unknown ids are skipped. */
  readMany<C extends CollectionName>(collection: C, ids: string[]): Promise<CatalogDocuments[C][]>;
  /** Live documents matching `query` with id > `after`, in id order, at most `limit`. */
  find<Q extends DocumentQuery>(
    query: Q,
    after: string | undefined,
    limit: number,
  ): Promise<CatalogDocuments[Q['collection']][]>;
}

/**
 * Refresh-token families as insert-only records: a family, one "use" per rotated-out token, and at
 * most one revocation. Inserting with a unique key is the one write that is atomic on every backend
 * we run on (FerretDB 1.x on SQLite applies conditional updates without isolation — concurrent
 * `updateOne({ _id, currentHash })` calls all succeed), so a token can be used once and a revocation
 * is never lost to a concurrent rotation.
 */
export interface FamilyRecord {
  familyId: string;
  consumerId: string;
  createdAt: number;
  absoluteExpiresAt: number;
  firstHash: string;
  firstIssuedAt: number;
  firstIdleExpiresAt: number;
}
export interface UseRecord {
  /** The hash of the token rotated out: the unique key that makes a token usable once. */
  hash: string;
  familyId: string;
  usedAt: number;
  absoluteExpiresAt: number;
  nextHash: string;
  nextIssuedAt: number;
  nextIdleExpiresAt: number;
}
export interface RevocationRecord {
  familyId: string;
  consumerId: string;
  revokedAt: number;
  reason: string;
  absoluteExpiresAt: number;
}

export interface RefreshBackend {
  insertFamily(family: FamilyRecord): Promise<void>;
  /** False when the token was already used (its hash is taken). */
  insertUse(use: UseRecord): Promise<boolean>;
  /** False when the family was already revoked. */
  insertRevocation(revocation: RevocationRecord): Promise<boolean>;
  /** The family whose first token, used token or issued token has this hash. */
  familyIdByHash(hash: string): Promise<string | null>;
  load(
    familyId: string,
  ): Promise<{ family: FamilyRecord; uses: UseRecord[]; revocation: RevocationRecord | null } | null>;
  familiesOfConsumer(consumerId: string): Promise<FamilyRecord[]>;
  /** Deletes families, uses and revocations whose absolute expiry is before `now`; returns the families deleted. */
  purge(now: number): Promise<number>;
}
