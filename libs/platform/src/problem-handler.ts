import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ERROR_CODES, PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE, type ErrorCode, type Problem } from '@medido/contracts';
import { MedidoError } from './errors.ts';

/** Fastify's own error codes that are the client's fault, mapped to Medido's stable codes. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'REQUEST_BODY_MALFORMED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'REQUEST_BODY_MALFORMED',
  FST_ERR_CTP_BODY_TOO_LARGE: 'REQUEST_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'MEDIA_TYPE_UNSUPPORTED',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'REQUEST_INVALID',
  FST_ERR_VALIDATION: 'REQUEST_INVALID',
};

export function toProblem(
  error: FastifyError | MedidoError,
  request: FastifyRequest,
): Problem & { headers?: Record<string, string> } {
  let code: ErrorCode = 'INTERNAL';
  let detail: string | undefined;
  let errors: Problem['errors'];
  if (error instanceof MedidoError) {
    ({ code, detail } = error);
    errors = error.issues;
  } else if (error.validation) {
    code = 'REQUEST_INVALID';
    errors = error.validation.map((v) => ({
      path: `${error.validationContext ?? ''}${v.instancePath || ''}` || '/',
      message: v.message ?? 'is invalid',
    }));
    detail = errors.map((e) => `${e.path} ${e.message}`).join('; ');
  } else if (error.code && FASTIFY_CODES[error.code]) {
    code = FASTIFY_CODES[error.code]!;
    detail = error.message;
  } else if (error.statusCode === 429) {
    code = 'RATE_LIMITED';
    detail = error.message;
  } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    code = 'REQUEST_INVALID';
    detail = error.message;
  }
  const { status, title } = ERROR_CODES[code];
  return {
    type: `${PROBLEM_TYPE_BASE}${code.toLowerCase().replaceAll('_', '-')}`,
    title,
    status,
    code,
    // 5xx details may reveal internals: the client gets the title, the log gets everything.
    ...(status < 500 && detail ? { detail } : {}),
    instance: request.url,
    ...(errors?.length ? { errors } : {}),
    ...(error instanceof MedidoError && error.headers ? { headers: error.headers } : {}),
  };
}

export function sendProblem(
  reply: FastifyReply,
  problem: Problem & { headers?: Record<string, string> },
): FastifyReply {
  const { headers, ...body } = problem;
  if (headers) reply.headers(headers);
  return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).send(body);
}

/**
 * Every error leaves as application/problem+json (RFC 9457) with a stable `code`. Given `methodsOf`
 * (the routes' methods at a path, see `httpConventions`), a path that exists under other methods
 * answers 405 with `Allow` (RFC 9110 §15.5.6) instead of 404, and OPTIONS 204 with `Allow`.
 */
export const problemHandler = fp(
  async (app: FastifyInstance, opts: { methodsOf?: (path: string) => string[] } = {}) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const problem = toProblem(error, request);
      if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ code: problem.code, detail: problem.detail }, 'request refused');
      return sendProblem(reply, problem);
    });
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0]!;
      const allowed = opts.methodsOf?.(path) ?? [];
      if (allowed.length > 0) {
        const allow = [...allowed, 'OPTIONS'].join(', ');
        if (request.method === 'OPTIONS') return reply.code(204).header('allow', allow).send();
        return sendProblem(
          reply,
          toProblem(
            new MedidoError('METHOD_NOT_ALLOWED', `${path} answers ${allow}, not ${request.method}`, {
              headers: { allow },
            }),
            request,
          ),
        );
      }
      return sendProblem(
        reply,
        toProblem(new MedidoError('ROUTE_NOT_FOUND', `no route ${request.method} ${path}`), request),
      );
    });
  },
  { name: 'problem-handler' },
);
