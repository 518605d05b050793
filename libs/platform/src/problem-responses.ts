import { ERROR_CODES, PROBLEM_CONTENT_TYPE, Problem, type ErrorCode } from '@medido/contracts';

/**
 * Response entries (and OpenAPI entries) for the problem codes a route may answer, grouped by status so
 * the document lists, for each status, the stable codes a client can branch on. The Problem schema is
 * inline with its `$id`, so the document names it #/components/schemas/Problem (openapi-components.ts);
 * a host that also registers `Problem` as a shared schema (the read API does) holds the very same object,
 * which the serializer accepts.
 */
export function problemResponses(codes: ErrorCode[]): Record<number, unknown> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes)
    byStatus.set(ERROR_CODES[code].status, [...(byStatus.get(ERROR_CODES[code].status) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      status,
      {
        description: `Problem (RFC 9457). code: ${list.join(', ')}`,
        content: { [PROBLEM_CONTENT_TYPE]: { schema: Problem } },
      },
    ]),
  );
}
