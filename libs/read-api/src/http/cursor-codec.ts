import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { MedidoError } from '@medido/platform';

/**
 * Opaque, tamper-evident page cursors. A cursor is base64url(JSON) + "." + a truncated HMAC-SHA256 tag,
 * and it names the query it continues (a hash of the route and its normalised parameters), so a cursor
 * edited by hand or replayed against another query is CURSOR_INVALID instead of a silently wrong page.
 * The first key signs; every key verifies, so cursors survive a key rotation. Keys are shared by all
 * replicas (derived from the token signing keys), keeping the API stateless behind a load balancer.
 * Authorization is re-checked on every page: a cursor never grants anything.
 */
export interface CursorCodec {
  encode(query: string, position: Record<string, unknown>): string;
  /** The position stored in `cursor`, or a CURSOR_INVALID problem when it is forged or from another query. */
  decode(query: string, cursor: string): Record<string, unknown>;
}

const TAG_BYTES = 16;

/** A stable digest of a query's identity: route plus normalised parameters (never the cursor itself). */
export function queryFingerprint(route: string, params: unknown): string {
  return createHash('sha256')
    .update(route)
    .update('\0')
    .update(JSON.stringify(params))
    .digest('base64url')
    .slice(0, 22);
}

export function createCursorCodec(keys: Buffer[]): CursorCodec {
  const [signing] = keys;
  if (!signing) throw new Error('at least one cursor key is required');
  const tag = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest().subarray(0, TAG_BYTES);
  const invalid = (detail: string) => new MedidoError('CURSOR_INVALID', detail);
  return {
    encode(query, position) {
      const body = Buffer.from(JSON.stringify({ q: query, p: position })).toString('base64url');
      return `${body}.${tag(signing, body).toString('base64url')}`;
    },
    decode(query, cursor) {
      const [body, mac, extra] = cursor.split('.');
      if (!body || !mac || extra !== undefined)
        throw invalid('the cursor is malformed; use nextCursor exactly as returned');
      const given = Buffer.from(mac, 'base64url');
      const authentic = given.length === TAG_BYTES && keys.some((key) => timingSafeEqual(tag(key, body), given));
      if (!authentic)
        throw invalid('the cursor was altered or has expired after a key rotation; restart from the first page');
      let parsed: { q?: unknown; p?: unknown };
      try {
        parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      } catch {
        throw invalid('the cursor is malformed');
      }
      if (parsed.q !== query)
        throw invalid('the cursor belongs to another query: repeat the parameters of the request that returned it');
      if (typeof parsed.p !== 'object' || parsed.p === null) throw invalid('the cursor is malformed');
      return parsed.p as Record<string, unknown>;
    },
  };
}
