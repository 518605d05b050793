import type { FastifyRequest, FastifySchemaValidationError } from 'fastify';

export interface ParameterIssue {
  path: string;
  message: string;
}

/** A request's schema failures, one per parameter, each with its path (a missing one named too). */
export function validationIssues(request: FastifyRequest): ParameterIssue[] {
  const failures: FastifySchemaValidationError[] = request.validationError?.validation ?? [];
  return failures.map((v) => ({
    path: v.instancePath || `/${String(v.params?.missingProperty ?? '')}`,
    message: v.message ?? 'is invalid',
  }));
}
