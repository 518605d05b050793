import type { FastifyRequest } from 'fastify';
import type { ErrorCode } from '@medido/contracts';
import { MedidoError } from '@medido/platform';

/**
 * Refuses query parameters the route does not define. Fastify's validator would silently drop them, and a
 * misspelt `frequncy=15m` would then answer with the default frequency: a wrong answer that looks right.
 */
export function rejectUnknownParameters(allowed: readonly string[], code: ErrorCode = 'REQUEST_INVALID') {
  const known = new Set(allowed);
  return async function preValidation(request: FastifyRequest) {
    const unknown = Object.keys((request.query ?? {}) as object).filter((k) => !known.has(k));
    if (unknown.length) {
      throw new MedidoError(
        code,
        `unknown query parameter${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; allowed: ${allowed.join(', ')}`,
        { issues: unknown.map((k) => ({ path: `/${k}`, message: 'unknown parameter' })) },
      );
    }
  };
}

/** The same for the members of a JSON body object: a misspelt `variabels` would otherwise subscribe to every variable. */
export function rejectUnknownMembers(allowed: readonly string[]) {
  const known = new Set(allowed);
  return async function preValidation(request: FastifyRequest) {
    const body = request.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return;
    const unknown = Object.keys(body).filter((k) => !known.has(k));
    if (unknown.length) {
      throw new MedidoError(
        'REQUEST_INVALID',
        `unknown member${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; allowed: ${allowed.join(', ')}`,
        { issues: unknown.map((k) => ({ path: `/${k}`, message: 'unknown member' })) },
      );
    }
  };
}
