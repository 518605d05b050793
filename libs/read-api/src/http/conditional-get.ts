import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { compressAnswer } from './response-compression.ts';

/**
 * Validators and caching for catalog answers (RFC 9110 §8.8.3, §13.1.2; RFC 9111 §5.2.2).
 * The ETag is a digest of the exact body, so it changes whenever the answer does, including when the
 * caller's grants change what it sees. Answers depend on the token, hence `private` and
 * `Vary: Authorization`: shared caches must not serve one consumer's answer to another.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-13.1.2
 */
export function entityTag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** If-None-Match uses the weak comparison: W/"x" matches "x". */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

/** The onSend hook of catalog answers: validators on the identity body, then the negotiated coding. */
export function conditionalGet(maxAgeSeconds: number) {
  return async function onSend(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
    if (request.method !== 'GET' || reply.statusCode !== 200 || typeof payload !== 'string')
      return compressAnswer(request, reply, payload);
    // A handler that answers a memoized body sets the ETag it stored with it (http/answer-memo.ts).
    const preset = reply.getHeader('etag');
    const etag = typeof preset === 'string' ? preset : entityTag(payload);
    reply.header('etag', etag);
    reply.header('cache-control', `private, max-age=${maxAgeSeconds}`);
    reply.header('vary', 'Authorization');
    if (!noneMatch(request.headers['if-none-match'], etag)) return compressAnswer(request, reply, payload);
    reply.code(304);
    reply.removeHeader('content-type');
    reply.removeHeader('content-length');
    return '';
  };
}
