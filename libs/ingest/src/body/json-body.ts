import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findMemberProblem, type ErrorCode, type MemberProblem } from '@medido/contracts';
import { MedidoError } from '@medido/platform';
import { decodedBody } from './content-coding.ts';

/** Media types read as one JSON document: plain JSON and the CloudEvents HTTP binding's JSON modes. */
export const JSON_MEDIA_TYPES = [
  'application/json',
  'application/cloudevents+json',
  'application/cloudevents-batch+json',
] as const;

/** The problem codes of body decoding, for the routes' documented responses. */
export const BODY_DECODING_CODES: ErrorCode[] = [
  'CONTENT_ENCODING_UNSUPPORTED',
  'REQUEST_BODY_ENCODING_INVALID',
  'REQUEST_BODY_DUPLICATE_MEMBER',
  'REQUEST_BODY_FORBIDDEN_MEMBER',
];

export function memberError(found: MemberProblem): MedidoError {
  return found.problem === 'duplicate'
    ? new MedidoError(
        'REQUEST_BODY_DUPLICATE_MEMBER',
        `the member ${JSON.stringify(found.name)} appears twice at ${found.path}; JSON parsers disagree on which one counts, so send it once`,
      )
    : new MedidoError(
        'REQUEST_BODY_FORBIDDEN_MEMBER',
        `the member name "__proto__" (at ${found.path}) is refused: it is a prototype-pollution vector, and no field has that name`,
      );
}

/** Parses JSON text: the parse error, or a duplicate or forbidden member name, is the client's fault. */
export function parseJsonText(text: string): unknown {
  if (text.trim() === '') throw new MedidoError('REQUEST_BODY_MALFORMED', 'the body is empty');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new MedidoError('REQUEST_BODY_MALFORMED', `the body is not valid JSON: ${(error as Error).message}`);
  }
  const found = findMemberProblem(text, value);
  if (found) throw memberError(found);
  return value;
}

/** Reads the whole (decoded, size-limited) body and parses it. The limit bounds what is buffered. */
export async function parseJsonBody(request: FastifyRequest, payload: Readable, maxBytes: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of decodedBody(request, payload, maxBytes)) chunks.push(chunk);
  let text = Buffer.concat(chunks).toString('utf8');
  // RFC 8259 §8.1: a parser MAY ignore a byte order mark; Fastify's parser did.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return parseJsonText(text);
}

/**
 * Replaces Fastify's JSON parser in the ingestor's scope: Content-Encoding decoded, the route's
 * bodyLimit counted on decoded bytes, duplicate and `__proto__` members refused with their own codes.
 */
export function registerJsonParsers(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser([...JSON_MEDIA_TYPES], async (request: FastifyRequest, payload: Readable) =>
    parseJsonBody(request, payload, request.routeOptions.bodyLimit),
  );
}
