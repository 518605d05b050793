import { Transform, pipeline, type Readable, type TransformCallback } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { FastifyRequest } from 'fastify';
import { MedidoError } from '@medido/platform';

/**
 * Content codings the ingest endpoints decode (RFC 9110 §8.4.1). `deflate` is the zlib format
 * (RFC 1950) as RFC 9110 §8.4.1.2 defines it; `x-gzip` is gzip's registered alias.
 */
const DECODERS = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
} as const;
export const ACCEPTED_ENCODINGS = 'gzip, deflate, br';

const tooLarge = (maxBytes: number) =>
  new MedidoError('REQUEST_BODY_TOO_LARGE', `the body exceeds ${maxBytes} bytes (after decoding its Content-Encoding)`);

/**
 * The coding of a request body, or undefined for none. One coding at most: stacked codings
 * ("gzip, br") are legal but no meter pipeline sends them, and each layer would multiply the work a
 * small body can cause. Anything else is 415 with the codings accepted (RFC 9110 §15.5.16).
 */
function codingOf(header: string | string[] | undefined): keyof typeof DECODERS | undefined {
  const codings = [header ?? '']
    .flat()
    .join(',')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  if (codings.length === 0) return undefined;
  const [coding] = codings;
  if (codings.length === 1 && Object.hasOwn(DECODERS, coding!)) return coding as keyof typeof DECODERS;
  throw new MedidoError(
    'CONTENT_ENCODING_UNSUPPORTED',
    `Content-Encoding ${JSON.stringify(codings.join(', '))} is not supported; send one of ${ACCEPTED_ENCODINGS}, or none`,
    { headers: { 'accept-encoding': ACCEPTED_ENCODINGS } },
  );
}

/** Passes bytes through until more than `maxBytes` went by, then fails with 413. */
function byteLimit(maxBytes: number): Transform {
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      bytes += chunk.length;
      if (bytes > maxBytes) done(tooLarge(maxBytes));
      else done(null, chunk);
    },
  });
}

/**
 * The request body as it streams in, decoded from its Content-Encoding, with the limit counted on the
 * DECODED bytes (so a small compression bomb stops at the limit, 413) and on the bytes on the wire.
 * Decoding errors are 400 REQUEST_BODY_ENCODING_INVALID (e.g. plain JSON labelled gzip).
 *
 * The request itself is never destroyed (that would reset the connection before the 413 or 400 is
 * sent): when the parse stops early it is unpiped, and Node closes the connection after the answer.
 */
export async function* decodedBody(
  request: FastifyRequest,
  payload: Readable,
  maxBytes: number,
): AsyncGenerator<Buffer> {
  const coding = codingOf(request.headers['content-encoding']);
  if (Number(request.headers['content-length']) > maxBytes) throw tooLarge(maxBytes);
  const wire = byteLimit(maxBytes);
  const stages: Transform[] = [wire];
  let decoder: Transform | undefined;
  if (coding) {
    decoder = DECODERS[coding]();
    stages.push(decoder, byteLimit(maxBytes));
  }
  let decodeFailure: Error | undefined;
  decoder?.once('error', (error) => {
    decodeFailure = error;
  });
  const output = stages.length === 1 ? wire : pipeline(stages as [Transform, Transform, Transform], () => {});
  const abort = (error: Error) => wire.destroy(error);
  payload.once('error', abort);
  payload.pipe(wire);
  try {
    for await (const chunk of output as AsyncIterable<Buffer>) yield chunk;
  } catch (error) {
    if (error instanceof MedidoError) throw error;
    if (decodeFailure)
      throw new MedidoError(
        'REQUEST_BODY_ENCODING_INVALID',
        `the body is not valid ${coding}: ${decodeFailure.message}`,
        { cause: error },
      );
    throw error;
  } finally {
    payload.off('error', abort);
    payload.unpipe(wire);
    for (const stage of stages) stage.destroy();
  }
}
