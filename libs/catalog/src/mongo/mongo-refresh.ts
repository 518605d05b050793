import type { Db } from 'mongodb';
import { insertedOnce } from '@medido/platform';
import type { FamilyRecord, RefreshBackend, RevocationRecord, UseRecord } from '../document-backend.port.ts';

export const REFRESH_COLLECTIONS = {
  families: 'refresh_families',
  uses: 'refresh_token_uses',
  revocations: 'refresh_revocations',
} as const;

type FamilyDoc = Omit<FamilyRecord, 'familyId'> & { _id: string };
type UseDoc = Omit<UseRecord, 'hash'> & { _id: string };
type RevocationDoc = Omit<RevocationRecord, 'familyId'> & { _id: string };

const family = ({ _id, ...rest }: FamilyDoc): FamilyRecord => ({ familyId: _id, ...rest });
const use = ({ _id, ...rest }: UseDoc): UseRecord => ({ hash: _id, ...rest });
const revocation = ({ _id, ...rest }: RevocationDoc): RevocationRecord => ({ familyId: _id, ...rest });

/** Refresh-token records keyed by their unique id (`_id`): families, uses (by used hash), revocations. */
export function mongoRefresh(db: Db): RefreshBackend {
  const families = db.collection<FamilyDoc>(REFRESH_COLLECTIONS.families);
  const uses = db.collection<UseDoc>(REFRESH_COLLECTIONS.uses);
  const revocations = db.collection<RevocationDoc>(REFRESH_COLLECTIONS.revocations);

  return {
    async insertFamily({ familyId, ...rest }) {
      await families.insertOne({ _id: familyId, ...rest });
    },
    insertUse: ({ hash, ...rest }) => insertedOnce(uses.insertOne({ _id: hash, ...rest })),
    insertRevocation: ({ familyId, ...rest }) => insertedOnce(revocations.insertOne({ _id: familyId, ...rest })),
    async familyIdByHash(hash) {
      const [first, used] = await Promise.all([
        families.findOne({ firstHash: hash }, { projection: { _id: 1 } }),
        uses.findOne({ $or: [{ _id: hash }, { nextHash: hash }] }, { projection: { familyId: 1 } }),
      ]);
      return first?._id ?? used?.familyId ?? null;
    },
    async load(familyId) {
      const [found, used, revoked] = await Promise.all([
        families.findOne({ _id: familyId }),
        uses.find({ familyId }).toArray(),
        revocations.findOne({ _id: familyId }),
      ]);
      return found
        ? { family: family(found), uses: used.map(use), revocation: revoked ? revocation(revoked) : null }
        : null;
    },
    async familiesOfConsumer(consumerId) {
      return (await families.find({ consumerId }).toArray()).map(family);
    },
    async purge(now) {
      // Families first: a use or revocation left behind by a crash here belongs to an expired family
      // that no token lookup can return any more, and the next purge removes it.
      const expired = { absoluteExpiresAt: { $lt: now } };
      const { deletedCount } = await families.deleteMany(expired);
      await Promise.all([uses.deleteMany(expired), revocations.deleteMany(expired)]);
      return deletedCount;
    },
  };
}
