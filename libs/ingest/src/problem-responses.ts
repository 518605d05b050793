import { ERROR_CODES, PROBLEM_CONTENT_TYPE, Problem, type ErrorCode } from '@medido/contracts';

// Inline with its $id: the document names it #/components/schemas/Problem. A host that also registers
// `Problem` as a shared schema (the api) holds the very same object, which the serializer accepts.
const ProblemSchema = Problem;

/** Response schemas (and OpenAPI entries) for the problem codes a route can answer. */
export function problemResponses(...codes: ErrorCode[]): Record<number, unknown> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes)
    byStatus.set(ERROR_CODES[code].status, [...(byStatus.get(ERROR_CODES[code].status) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      status,
      {
        description: `Problem details; code: ${list.join(', ')}.`,
        content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
      },
    ]),
  );
}
