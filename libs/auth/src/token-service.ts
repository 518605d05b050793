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
  /** Seconds until the refresh token expires if unused (idle lifetime, capped by the login's absolute one). */
  refreshExpiresIn: number;
  /** Seconds until the login ends whatever its use (MEDIDO_REFRESH_ABSOLUTE_TTL_S), or null: it never does. */
  loginExpiresIn: number | null;
  scope: string;
}

/**
 * Why a refresh was refused: for logs and metrics (bounded label values), and the `error_description`
 * of the `invalid_grant` the client gets.
 */
export type RefreshFailure =
  'malformed' | 'unknown' | 'revoked' | 'reused' | 'expired' | 'client_mismatch' | 'consumer_inactive';

export type RefreshResult = { ok: true; tokens: TokenSet } | { ok: false; reason: RefreshFailure };

export interface TokenServiceOptions {
  catalog: Pick<CatalogReader, 'getConsumer'>;
  refreshTokens: RefreshTokenStore;
  accessTokens: AccessTokenIssuer;
  refreshIdleTtlSeconds: number;
  /** 0: no absolute lifetime, a login lives as long as it is used within the idle lifetime. */
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

/**
 * With no absolute lifetime a login's family would grow forever (one use record per refresh, all read
 * at each refresh, purged only at the family's `absoluteExpiresAt`). So the family is a segment: it gets
 * a storage end, and the refresh that would cross it continues the login in a new family. The old
 * family's last use points to its successor (a value no token hashes to), so a rotated-out token of
 * any segment still revokes the whole login (RFC 9700 §4.14.2). Invisible to clients.
 */
const SUCCESSOR = 'successor:';
const MIN_SEGMENT_MS = 30 * 86_400_000;

export function createTokenService(options: TokenServiceOptions): TokenService {
  const { catalog, refreshTokens, accessTokens } = options;
  const now = options.now ?? Date.now;
  const idleMs = options.refreshIdleTtlSeconds * 1000;
  const absoluteMs = options.refreshAbsoluteTtlSeconds * 1000;
  const segmentMs = Math.max(MIN_SEGMENT_MS, 2 * idleMs);
  /** When the login that started at `createdAt` ends whatever its use, or Infinity. */
  const loginEnd = (createdAt: number) => (absoluteMs > 0 ? createdAt + absoluteMs : Infinity);

  function tokenSet(
    consumer: ApiConsumer,
    refreshToken: string,
    idleExpiresAt: number,
    createdAt: number,
    at: number,
  ): TokenSet {
    const access = accessTokens.issue({ consumerId: consumer.consumerId, grants: consumer.grants });
    const end = loginEnd(createdAt);
    return {
      consumerId: consumer.consumerId,
      accessToken: access.token,
      tokenType: 'Bearer',
      expiresIn: access.expiresIn,
      refreshToken,
      refreshExpiresIn: Math.max(0, Math.floor((idleExpiresAt - at) / 1000)),
      scope: ACCESS_SCOPE,
      loginExpiresIn: end === Infinity ? null : Math.max(0, Math.floor((end - at) / 1000)),
    };
  }

  async function findFamily(refreshToken: string): Promise<{ family: RefreshTokenFamily; hash: string } | null> {
    const hash = hashRefreshToken(refreshToken);
    const family = await refreshTokens.findFamilyByTokenHash(hash);
    return family ? { family, hash } : null;
  }

  /** A family of a login that starts (or continues) at `at`, holding `refreshToken` as its current token. */
  async function createFamily(
    consumerId: string,
    createdAt: number,
    refreshToken: string,
    at: number,
  ): Promise<RefreshTokenFamily> {
    const absoluteExpiresAt = absoluteMs > 0 ? loginEnd(createdAt) : at + segmentMs;
    const family: RefreshTokenFamily = {
      familyId: randomUUID(),
      consumerId,
      createdAt,
      absoluteExpiresAt,
      currentHash: hashRefreshToken(refreshToken),
      currentIssuedAt: at,
      idleExpiresAt: Math.min(at + idleMs, absoluteExpiresAt),
      usedHashes: [],
      revokedAt: null,
      revokedReason: null,
    };
    await refreshTokens.createFamily(family);
    return family;
  }

  /** Revokes the family and every segment that continued it. */
  async function revokeLogin(family: RefreshTokenFamily, reason: string, at: number): Promise<void> {
    await refreshTokens.revokeFamily(family.familyId, reason, at);
    let current = family.currentHash;
    for (let hops = 0; current.startsWith(SUCCESSOR) && hops < 1000; hops++) {
      const next = await refreshTokens.findFamilyByTokenHash(current.slice(SUCCESSOR.length));
      if (!next) return;
      await refreshTokens.revokeFamily(next.familyId, reason, at);
      current = next.currentHash;
    }
  }

  return {
    async issue(consumer) {
      const at = now();
      const refreshToken = generateRefreshToken();
      const family = await createFamily(consumer.consumerId, at, refreshToken, at);
      return tokenSet(consumer, refreshToken, family.idleExpiresAt, at, at);
    },

    async refresh(refreshToken, { clientId } = {}) {
      if (!isWellFormedRefreshToken(refreshToken)) return { ok: false, reason: 'malformed' };
      const found = await findFamily(refreshToken);
      if (!found) return { ok: false, reason: 'unknown' };
      const { family, hash } = found;
      const at = now();
      if (family.revokedAt !== null) return { ok: false, reason: 'revoked' };
      // A token rotated out came back: either the client or an attacker holds a stolen copy, and we
      // cannot tell which, so the whole login dies (the legitimate client signs in again).
      // @see https://www.rfc-editor.org/rfc/rfc9700#section-4.14.2
      if (family.currentHash !== hash) {
        await revokeLogin(family, 'reuse', at);
        return { ok: false, reason: 'reused' };
      }
      if (at >= family.idleExpiresAt || at >= family.absoluteExpiresAt || at >= loginEnd(family.createdAt))
        return { ok: false, reason: 'expired' };
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
      const continues = absoluteMs === 0 && at + idleMs > family.absoluteExpiresAt;
      const successor = continues ? await createFamily(family.consumerId, family.createdAt, next, at) : null;
      const idleExpiresAt = successor
        ? successor.idleExpiresAt
        : Math.min(at + idleMs, family.absoluteExpiresAt, loginEnd(family.createdAt));
      const rotated = await refreshTokens.rotate(
        family.familyId,
        hash,
        successor
          ? { hash: SUCCESSOR + successor.currentHash, issuedAt: at, idleExpiresAt: at }
          : { hash: hashRefreshToken(next), issuedAt: at, idleExpiresAt },
      );
      if (!rotated) {
        // Another request rotated this token first: two parties presented it at once, which is
        // indistinguishable from theft (RFC 9700 §4.14.2).
        if (successor) await refreshTokens.revokeFamily(successor.familyId, 'reuse', at);
        const raced = await refreshTokens.findFamilyByTokenHash(hash);
        await revokeLogin(raced ?? family, 'reuse', at);
        return { ok: false, reason: 'reused' };
      }
      return { ok: true, tokens: tokenSet(consumer, next, idleExpiresAt, family.createdAt, at) };
    },

    async revoke(refreshToken, { clientId } = {}) {
      if (!isWellFormedRefreshToken(refreshToken)) return;
      const found = await findFamily(refreshToken);
      if (!found || found.family.revokedAt !== null) return;
      // RFC 7009 §2.1: a client may only revoke its own tokens.
      if (clientId !== undefined && clientId !== found.family.consumerId) return;
      await revokeLogin(found.family, 'revoked_by_client', now());
    },
  };
}
