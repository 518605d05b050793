import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { MedidoError, splitList } from '@medido/platform';

export type CredentialRole = 'ingest' | 'admin';

interface Entry {
  digest: Buffer;
  role: CredentialRole;
  expiresAt: number | null;
}

/** Shorter secrets are refused at boot: a credential must not be guessable (32 random bytes, base64url, is 43). */
export const MIN_CREDENTIAL_LENGTH = 32;
const CHALLENGE = { 'www-authenticate': 'Bearer realm="medido-ingestor"' };

const digest = (secret: string) => createHash('sha256').update(secret, 'utf8').digest();

declare module 'fastify' {
  interface FastifyRequest {
    credentialRole?: CredentialRole;
  }
}

/**
 * The ingestor's static bearer credentials: ingest credentials for meter pipelines, admin
 * credentials for admin commands; neither role can do the other's job. Each configured entry is
 * `<secret>` or `<secret>@<ISO 8601 instant>` (not valid after that instant), so a rotation can
 * list the old and the new secret with an end date on the old one. See docs/credentials.md.
 */
export class Credentials {
  readonly #entries: Entry[];

  constructor(entries: { secret: string; role: CredentialRole; expiresAt?: number | null }[]) {
    const seen = new Set<string>();
    this.#entries = entries.map(({ secret, role, expiresAt }) => {
      if (secret.length < MIN_CREDENTIAL_LENGTH)
        throw new Error(`a ${role} credential is shorter than ${MIN_CREDENTIAL_LENGTH} characters`);
      if (seen.has(secret)) throw new Error('the same credential is listed twice (or for both roles)');
      seen.add(secret);
      return { digest: digest(secret), role, expiresAt: expiresAt ?? null };
    });
  }

  /** From MEDIDO_INGEST_TOKENS and MEDIDO_ADMIN_TOKENS (comma-separated entries). */
  static fromLists(lists: { ingest: string; admin: string }): Credentials {
    const parse = (entry: string, role: CredentialRole) => {
      const at = entry.lastIndexOf('@');
      if (at < 0) return { secret: entry, role };
      const expiresAt = Date.parse(entry.slice(at + 1));
      if (Number.isNaN(expiresAt)) throw new Error(`a ${role} credential has an unreadable expiry after "@"`);
      return { secret: entry.slice(0, at), role, expiresAt };
    };
    return new Credentials([
      ...splitList(lists.ingest).map((e) => parse(e, 'ingest')),
      ...splitList(lists.admin).map((e) => parse(e, 'admin')),
    ]);
  }

  get size(): number {
    return this.#entries.length;
  }

  /** The role of the caller, or the problem to answer (401 for who, 403 for what). */
  identify(authorization: string | undefined, now = Date.now()): CredentialRole {
    if (!authorization)
      throw new MedidoError('AUTH_TOKEN_MISSING', 'send Authorization: Bearer <credential>', { headers: CHALLENGE });
    const match = /^Bearer +(\S+) *$/i.exec(authorization);
    if (!match)
      throw new MedidoError('AUTH_CREDENTIAL_INVALID', 'the Authorization header must be "Bearer <credential>"', {
        headers: CHALLENGE,
      });
    const presented = digest(match[1]!);
    // Compare with every entry, without stopping at the first match, so timing reveals nothing.
    let found: Entry | undefined;
    for (const entry of this.#entries) if (timingSafeEqual(presented, entry.digest)) found = entry;
    if (!found)
      throw new MedidoError('AUTH_CREDENTIAL_INVALID', 'the credential is not known', {
        headers: { 'www-authenticate': `${CHALLENGE['www-authenticate']}, error="invalid_token"` },
      });
    if (found.expiresAt !== null && now >= found.expiresAt) {
      throw new MedidoError('AUTH_TOKEN_EXPIRED', 'the credential has expired; use its replacement', {
        headers: { 'www-authenticate': `${CHALLENGE['www-authenticate']}, error="invalid_token"` },
      });
    }
    return found.role;
  }

  /** An onRequest hook: runs before the body is read, so unauthenticated callers cannot make the server parse it. */
  require(role: CredentialRole, now: () => number = Date.now): onRequestAsyncHookHandler {
    return async (request: FastifyRequest) => {
      const actual = this.identify(request.headers.authorization, now());
      if (actual !== role)
        throw new MedidoError(
          'AUTH_FORBIDDEN',
          `this route needs an ${role} credential; an ${actual} credential was sent`,
        );
      request.credentialRole = actual;
    };
  }
}
