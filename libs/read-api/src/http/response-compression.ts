import { pipeline, Readable } from 'node:stream';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Negotiated content coding of text answers (RFC 9110 §8.4, §12.5.3): zstd where the runtime has it
 * (RFC 8878), br (RFC 7932), gzip. Only text types are compressed — formats that are compressed already
 * (Parquet, Arrow with its own codecs, images) are sent as they are. Small bodies are not worth the bytes
 * of a frame. Strings are compressed on libuv's thread pool and streams through a streaming encoder, so
 * neither blocks the event loop. A compressed representation is a different one: its strong ETag becomes
 * weak (W/), which If-None-Match compares weakly, so revalidation keeps working across codings.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-12.5.3
 */
export type Coding = 'zstd' | 'br' | 'gzip';

const COMPRESSIBLE = /^(application\/(json|problem\+json)|text\/csv)\b/;
const MIN_BYTES = 1_024;

const hasZstd = typeof zlib.createZstdCompress === 'function';
/** Server preference among equally acceptable codings: fastest for a given ratio first. */
export const SUPPORTED: Coding[] = hasZstd ? ['zstd', 'br', 'gzip'] : ['br', 'gzip'];

// Brotli's default quality (11) is for static assets; 5 compresses dynamic text about as well as gzip -9, faster.
const BROTLI = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } };
const GZIP = { level: 6 };

const compressors: Record<Coding, (body: Buffer) => Promise<Buffer>> = {
  gzip: (b) => promisify(zlib.gzip)(b, GZIP),
  br: (b) => promisify(zlib.brotliCompress)(b, BROTLI),
  zstd: (b) => promisify(zlib.zstdCompress!)(b),
};
const encoders: Record<Coding, () => NodeJS.ReadWriteStream> = {
  gzip: () => zlib.createGzip(GZIP),
  br: () => zlib.createBrotliCompress(BROTLI),
  zstd: () => zlib.createZstdCompress!(),
};

/** The coding to answer with, or null for identity. `*` stands for any coding not listed; q=0 refuses. */
export function negotiateCoding(header: string | undefined): Coding | null {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const item of header.split(',')) {
    const [name = '', ...params] = item
      .trim()
      .toLowerCase()
      .split(';')
      .map((s) => s.trim());
    if (!name) continue;
    const qParam = params.find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name === 'x-gzip' ? 'gzip' : name, Number.isFinite(value) ? value : 0);
  }
  let best: Coding | null = null;
  let bestQ = 0;
  for (const coding of SUPPORTED) {
    const value = q.get(coding) ?? q.get('*') ?? 0;
    if (value > bestQ) {
      best = coding;
      bestQ = value;
    }
  }
  return best;
}

function appendVary(reply: FastifyReply, field: string): void {
  const vary = reply.getHeader('vary');
  const current = vary === undefined ? '' : String(vary);
  if (!current.split(',').some((f) => f.trim().toLowerCase() === field.toLowerCase()))
    reply.header('vary', current ? `${current}, ${field}` : field);
}

/** An onSend hook: compresses text answers with the coding the client prefers. */
export async function compressAnswer(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (reply.getHeader('content-encoding') || !COMPRESSIBLE.test(String(reply.getHeader('content-type') ?? '')))
    return payload;
  const isText = typeof payload === 'string' || Buffer.isBuffer(payload);
  if (!isText && !(payload instanceof Readable)) return payload;
  appendVary(reply, 'Accept-Encoding');
  const coding = negotiateCoding(request.headers['accept-encoding']);
  if (!coding || (isText && Buffer.byteLength(payload as string | Buffer) < MIN_BYTES)) return payload;
  reply.header('content-encoding', coding);
  reply.removeHeader('content-length');
  const etag = reply.getHeader('etag');
  if (typeof etag === 'string' && !etag.startsWith('W/')) reply.header('etag', `W/${etag}`);
  if (isText) return compressors[coding](Buffer.isBuffer(payload) ? payload : Buffer.from(payload as string));
  // pipeline() destroys both streams on an error or a client gone away.
  return pipeline(payload as Readable, encoders[coding](), () => {});
}
