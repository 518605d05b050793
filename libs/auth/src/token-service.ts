import { randomUUID } from 'node:crypto';
import type { ApiConsumer, CatalogReader, RefreshTokenFamily, RefreshTokenStore } from '@medido/catalog';
import type { AccessTokenIssuer } from './access-token.ts';
import { isActiveConsumer } from './consumer-status.ts';
import { generateRefreshToken, hashRefreshToken, isWellFormedRefreshToken } from './refresh-token.ts';

/** The one scope Medido grants: read access to what the consumer's grants allow. */
export const ACCESS_SCOPE = 'read';

/** What the token endpoint answers (RFC 6749 §5.1), in camelCase; the route renames the fields. */
export interface TokenSet {
  consumerId: string;
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
  /** Seconds until the refresh token expires if unused (idle lifetime, capped by the family's absolute one). */
  refreshExpiresIn: number;
  scope: string;
}

/**
 * Why a refresh was refused. Only for logs and metrics (bounded label values): clients always get the
 * same `invalid_grant`, so an attacker learns nothing about which check failed.
 */
export type RefreshFailure = 'malformed' | 'unknown' | 'revoked' | 'reused' | 'expired' | 'client_mismatch' | 'consumer_inactive';

export type RefreshResult = { ok: true; tokens: TokenSet } | { ok: false; reason: RefreshFailure };

export interface TokenServiceOptions {
  catalog: Pick<CatalogReader, 'getConsumer'>;
  refreshTokens: RefreshTokenStore;
  accessTokens: AccessTokenIssuer;
  refreshIdleTtlSeconds: number;
  refreshAbsoluteTtlSeconds: number;
  /** Milliseconds since the epoch; the unit of every RefreshTokenFamily timestamp. */
  now?: () => number;
}

export interface TokenService {
  /** After a successful login: an access token and the first refresh token of a new family. */
  issue(consumer: ApiConsumer): Promise<TokenSet>;
  /** Rotates a refresh token; `clientId`, when the client sends one, must be the token's consumer. */
  refresh(refreshToken: string, options?: { clientId?: string }): Promise<RefreshResult>;
  /** RFC 7009: revokes the token's family; unknown tokens are silently ignored. */
  revoke(refreshToken: string, options?: { clientId?: string }): Promise<void>;
}

export function createTokenService(options: TokenServiceOptions): TokenService {
  const { catalog, refreshTokens, accessTokens } = options;
  const now = options.now ?? Date.now;
  const idleMs = options.refreshIdleTtlSeconds * 1000;
  const absoluteMs = options.refreshAbsoluteTtlSeconds * 1000;

  function tokenSet(consumer: ApiConsumer, refreshToken: string, idleExpiresAt: number, at: number): TokenSet {
    const access = accessTokens.issue({ consumerId: consumer.consumerId, grants: consumer.grants });
    return {
      consumerId: consumer.consumerId, accessToken: access.token, tokenType: 'Bearer', expiresIn: access.expiresIn,
      refreshToken, refreshExpiresIn: Math.max(0, Math.floor((idleExpiresAt - at) / 1000)), scope: ACCESS_SCOPE,
    };
  }

  async function findFamily(refreshToken: string): Promise<{ family: RefreshTokenFamily; hash: string } | null> {
    const hash = hashRefreshToken(refreshToken);
    const family = await refreshTokens.findFamilyByTokenHash(hash);
    return family ? { family, hash } : null;
  }

  return {
    async issue(consumer) {
      const at = now();
      const refreshToken = generateRefreshToken();
      const absoluteExpiresAt = at + absoluteMs;
      const idleExpiresAt = Math.min(at + idleMs, absoluteExpiresAt);
      await refreshTokens.createFamily({
        familyId: randomUUID(), consumerId: consumer.consumerId, createdAt: at, absoluteExpiresAt,
        currentHash: hashRefreshToken(refreshToken), currentIssuedAt: at, idleExpiresAt,
        usedHashes: [], revokedAt: null, revokedReason: null,
      });
      return tokenSet(consumer, refreshToken, idleExpiresAt, at);
    },

    async refresh(refreshToken, { clientId } = {}) {
      if (!isWellFormedRefreshToken(refreshToken)) return { ok: false, reason: 'malformed' };
      const found = await findFamily(refreshToken);
      if (!found) return { ok: false, reason: 'unknown' };
      const { family, hash } = found;
      const at = now();
      if (family.revokedAt !== null) return { ok: false, reason: 'revoked' };
      // A token rotated out came back: either the client or an attacker holds a stolen copy, and we
      // cannot tell which, so the whole family dies (the legitimate client logs in again).
      // @see https://www.rfc-editor.org/rfc/rfc9700#section-4.14.2
      if (family.currentHash !== hash) {
        await refreshTokens.revokeFamily(family.familyId, 'reuse', at);
        return { ok: false, reason: 'reused' };
      }
      if (at >= family.idleExpiresAt || at >= family.absoluteExpiresAt) return { ok: false, reason: 'expired' };
      // RFC 6749 §6: a refresh token is only good for the client it was issued to.
      if (clientId !== undefined && clientId !== family.consumerId) return { ok: false, reason: 'client_mismatch' };
      // Re-read the consumer: a disabled or expired consumer gets nothing more, and changed grants
      // land in the next access token.
      const consumer = await catalog.getConsumer(family.consumerId);
      if (!isActiveConsumer(consumer, at)) {
        await refreshTokens.revokeFamily(family.familyId, 'consumer_inactive', at);
        return { ok: false, reason: 'consumer_inactive' };
      }
      const next = generateRefreshToken();
      const idleExpiresAt = Math.min(at + idleMs, family.absoluteExpiresAt);
      const rotated = await refreshTokens.rotate(family.familyId, hash, { hash: hashRefreshToken(next), issuedAt: at, idleExpiresAt });
      if (!rotated) {
        // Another request rotated this token first: two parties presented it at once, which is
        // indistinguishable from theft (RFC 9700 §4.14.2).
        await refreshTokens.revokeFamily(family.familyId, 'reuse', at);
        return { ok: false, reason: 'reused' };
      }
      return { ok: true, tokens: tokenSet(consumer, next, idleExpiresAt, at) };
    },

    async revoke(refreshToken, { clientId } = {}) {
      if (!isWellFormedRefreshToken(refreshToken)) return;
      const found = await findFamily(refreshToken);
      if (!found || found.family.revokedAt !== null) return;
      // RFC 7009 §2.1: a client may only revoke its own tokens.
      if (clientId !== undefined && clientId !== found.family.consumerId) return;
      await refreshTokens.revokeFamily(found.family.familyId, 'revoked_by_client', now());
    },
  };
}
