import type { FastifyRequest } from 'fastify';
import { MedidoError } from '@medido/platform';
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

/** First step of a measurement route's handler: the schema's refusals, each with its parameter's path. */
export function refuseInvalidParameters(request: FastifyRequest): void {
  if (!request.validationError) return;
  const issues = validationIssues(request);
  throw new MedidoError('MEASUREMENTS_PARAMETER_INVALID', issues.map((i) => `${i.path} ${i.message}`).join('; '), {
    issues,
  });
}
