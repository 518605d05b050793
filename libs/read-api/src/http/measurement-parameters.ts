import type { FastifyReply, FastifyRequest } from 'fastify';
import { MedidoError } from '@medido/platform';
import { negotiate } from './content-negotiation.ts';
import { compressAnswer } from './response-compression.ts';
import { rejectUnknownParameters } from './unknown-parameters.ts';
import { validationIssues } from './validation-issues.ts';

/**
 * The route options the measurement routes (/measurements, /latest, /consumption) share: an unknown
 * parameter, and a value its schema refuses (see `refuseInvalidParameters`), answer
 * MEASUREMENTS_PARAMETER_INVALID naming the parameter rather than the generic REQUEST_INVALID; answers
 * are compressed as negotiated.
 */
export function measurementRouteOptions(querystring: { properties: object }) {
  return {
    attachValidation: true,
    onSend: compressAnswer,
    preValidation: rejectUnknownParameters(Object.keys(querystring.properties), 'MEASUREMENTS_PARAMETER_INVALID'),
  } as const;
}

/** The schema's refusals of a measurement route's parameters, each with its parameter's path. */
function refuseInvalidParameters(request: FastifyRequest): void {
  if (!request.validationError) return;
  const issues = validationIssues(request);
  throw new MedidoError('MEASUREMENTS_PARAMETER_INVALID', issues.map((i) => `${i.path} ${i.message}`).join('; '), {
    issues,
  });
}

/**
 * How a measurement route's handler opens: the schema's refusals first, then the representation the
 * Accept header picks among `offered`. The reply comes back untyped: these answers are assembled by hand
 * (JSON text, CSV and Arrow streams), the route's schema only documents them.
 */
export function openMeasurementAnswer<const T extends string>(
  request: FastifyRequest,
  typedReply: unknown,
  offered: readonly T[],
): { reply: FastifyReply; format: T } {
  refuseInvalidParameters(request);
  return { reply: typedReply as FastifyReply, format: negotiate(request.headers.accept, offered) };
}
