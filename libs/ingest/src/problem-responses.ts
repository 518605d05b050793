import { ERROR_CODES, PROBLEM_CONTENT_TYPE, Problem, type ErrorCode } from '@medido/contracts';

// Inline copy without $id: the api may register `Problem` as a shared schema on the same Fastify
// instance, and a second registration of the id would clash.
const { $id: _id, ...ProblemSchema } = Problem as typeof Problem & { $id?: string };

/** Response schemas (and OpenAPI entries) for the problem codes a route can answer. */
export function problemResponses(...codes: ErrorCode[]): Record<number, unknown> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(ERROR_CODES[code].status, [...(byStatus.get(ERROR_CODES[code].status) ?? []), code]);
  return Object.fromEntries([...byStatus].map(([status, list]) => [status, {
    description: `Problem details; code: ${list.join(', ')}.`,
    content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
  }]));
}
