import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/**
 * Sends text (or bytes) produced in chunks: one chunk as a plain string (with Content-Length), more as a stream, so a
 * large answer is written while it is produced and never held whole in memory.
 */
export function sendChunks(reply: FastifyReply, chunks: Generator<string> | Generator<Uint8Array>): FastifyReply {
  const first = chunks.next();
  if (first.done) return reply.send('');
  const second = chunks.next();
  if (second.done) return reply.send(first.value);
  return reply.send(
    Readable.from(
      (function* (): Generator<string | Uint8Array> {
        yield first.value;
        yield second.value;
        yield* chunks;
      })(),
    ),
  );
}
