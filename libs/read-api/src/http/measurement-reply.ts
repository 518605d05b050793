import type { FastifyReply } from 'fastify';

/** The representations the measurement routes (/measurements, /latest, /consumption) offer in common. */
export const JSON_TYPE = 'application/json';
export const CSV_TYPE = 'text/csv';
/** How a CSV answer is labelled (RFC 4180 §3: the first row is a header). */
export const CSV_ANSWER_TYPE = 'text/csv; charset=utf-8; header=present';

/** The URL of the next page: this request's own, with the cursor replaced (relative, RFC 8288 §3.1). */
function nextLink(url: string, cursor: string): string {
  const next = new URL(url, 'http://relative.invalid');
  next.searchParams.set('cursor', cursor);
  return `<${next.pathname}${next.search}>; rel="next"`;
}

/**
 * The headers of every measurement answer: the next page (when there is one) in `Link`, in every representation,
 * and no shared caching, since what an answer holds depends on the caller and on the representation negotiated.
 */
export function measurementReplyHeaders(reply: FastifyReply, url: string, nextCursor?: string | null): void {
  if (nextCursor) reply.header('link', nextLink(url, nextCursor));
  reply.header('cache-control', 'private, no-cache');
  reply.header('vary', 'Authorization, Accept');
}
