import { StringDecoder } from 'node:string_decoder';
import type { FastifyRequest } from 'fastify';
import { findMemberProblem } from '@medido/contracts';
import { MedidoError } from '@medido/platform';
import { memberError } from '../body/json-body.ts';
import { MalformedLine } from './reading-check.ts';

export const NDJSON_CONTENT_TYPE = 'application/x-ndjson';

/** A parsed NDJSON body: one item per non-empty line, MalformedLine where a line is not JSON. */
export class NdjsonBody {
  readonly items: unknown[];
  constructor(items: unknown[]) {
    this.items = items;
  }
}

/**
 * Reads an NDJSON body line by line as it streams in, so a large body is never held as one string.
 * Fastify's bodyLimit does not apply to stream parsers: the byte and item limits are enforced here,
 * and the parse stops at the first byte over either.
 * @see https://github.com/ndjson/ndjson-spec
 */
export async function parseNdjson(
  request: FastifyRequest,
  payload: AsyncIterable<Buffer>,
  limits: { maxBytes: number; maxItems: number },
): Promise<NdjsonBody> {
  const declared = Number(request.headers['content-length']);
  const tooLarge = () => new MedidoError('REQUEST_BODY_TOO_LARGE', `the body exceeds ${limits.maxBytes} bytes`);
  if (declared > limits.maxBytes) throw tooLarge();
  const items: unknown[] = [];
  const decoder = new StringDecoder('utf8');
  let bytes = 0;
  let pending = '';
  const take = (raw: string) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    if (items.length >= limits.maxItems)
      throw new MedidoError('INGEST_BATCH_TOO_LARGE', `at most ${limits.maxItems} readings per request`);
    let item: unknown;
    try {
      item = JSON.parse(line);
    } catch (error) {
      items.push(new MalformedLine(`line is not valid JSON: ${(error as Error).message}`, line));
      return;
    }
    const found = findMemberProblem(line, item);
    if (found)
      items.push(
        new MalformedLine(
          memberError(found).message,
          line,
          found.problem === 'duplicate' ? 'READING_DUPLICATE_MEMBER' : 'READING_FORBIDDEN_MEMBER',
        ),
      );
    else items.push(item);
  };
  for await (const chunk of payload) {
    bytes += chunk.length;
    if (bytes > limits.maxBytes) throw tooLarge();
    const lines = (pending + decoder.write(chunk)).split('\n');
    pending = lines.pop()!;
    for (const line of lines) take(line);
  }
  take(pending + decoder.end());
  return new NdjsonBody(items);
}
