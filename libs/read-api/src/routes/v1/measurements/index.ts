import type { FastifyInstance, FastifyReply } from 'fastify';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { problemResponses } from '@medido/platform';
import { measurementsAccess, noteAccess } from '../../../access/access-note.ts';
import { callerOf } from '../../../auth/caller-hook.ts';
import { measurementsDescription } from '../../../docs/measurements-description.ts';
import { negotiate } from '../../../http/content-negotiation.ts';
import { measurementRouteOptions, refuseInvalidParameters } from '../../../http/measurement-parameters.ts';
import { sendChunks } from '../../../http/send-chunks.ts';
import { answerCsv, csvFileName } from '../../../measurements/answer-csv.ts';
import { answerArrow, ARROW_STREAM_TYPE } from '../../../measurements/answer-arrow.ts';
import { answerJsonChunks } from '../../../measurements/answer-json.ts';
import { answerParquet, PARQUET_TYPE } from '../../../measurements/answer-parquet.ts';
import { readMeasurements } from '../../../measurements/measurements-reader.ts';
import { readersOf } from '../../../read-model.ts';
import { AUTH_PROBLEMS, BEARER_SECURITY } from '../../../schemas/common.schema.ts';
import { measurementsQuerystring, MeasurementsResponse } from '../../../schemas/measurements.schema.ts';

const JSON_TYPE = 'application/json';
const CSV_TYPE = 'text/csv';

/** The URL of the next page: this request's own, with the cursor replaced (relative, RFC 8288 §3.1). */
function nextLink(url: string, cursor: string): string {
  const next = new URL(url, 'http://relative.invalid');
  next.searchParams.set('cursor', cursor);
  return `<${next.pathname}${next.search}>; rel="next"`;
}

export default async function measurementsRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const model = app.readModel;
  const querystring = measurementsQuerystring(model.limits);

  api.get(
    '/measurements',
    {
      schema: {
        summary: 'Measurements of an installation or unit',
        description: measurementsDescription(model.limits),
        tags: ['measurements'],
        security: BEARER_SECURITY,
        querystring,
        response: {
          200: {
            description: 'One page of the answer.',
            content: {
              [JSON_TYPE]: { schema: MeasurementsResponse },
              [CSV_TYPE]: { schema: Type.String() },
              [ARROW_STREAM_TYPE]: { schema: Type.String({ format: 'binary' }) },
              [PARQUET_TYPE]: { schema: Type.String({ format: 'binary' }) },
            },
          },
          ...problemResponses([
            ...AUTH_PROBLEMS,
            'NOT_ACCEPTABLE',
            'MEASUREMENTS_SCOPE_REQUIRED',
            'MEASUREMENTS_PARAMETER_INVALID',
            'MEASUREMENTS_WINDOW_INVALID',
            'MEASUREMENTS_WINDOW_TOO_LARGE',
            'TIMEZONE_UNKNOWN',
            'MEASUREMENTS_DEVICE_NOT_IN_SCOPE',
            'MEASUREMENTS_VARIABLE_UNKNOWN',
            'CURSOR_INVALID',
            'INSTALLATION_NOT_FOUND',
            'UNIT_NOT_FOUND',
            'DEVICE_NOT_FOUND',
          ]),
        },
      },
      ...measurementRouteOptions(querystring),
    },
    async (request, typedReply) => {
      // The answer is assembled dynamically (JSON or a CSV stream); the schema documents it.
      const reply = typedReply as unknown as FastifyReply;
      refuseInvalidParameters(request);
      const format = negotiate(request.headers.accept, [JSON_TYPE, CSV_TYPE, ARROW_STREAM_TYPE, PARQUET_TYPE] as const);
      const answer = await readMeasurements(readersOf(model), callerOf(request), request.query);
      noteAccess(request, measurementsAccess(answer));
      if (answer.nextCursor) reply.header('link', nextLink(request.url, answer.nextCursor));
      reply.header('cache-control', 'private, no-cache');
      reply.header('vary', 'Authorization, Accept');
      if (format === CSV_TYPE) {
        reply.header('content-disposition', `attachment; filename="${csvFileName(answer)}"`);
        return sendChunks(reply.type('text/csv; charset=utf-8; header=present'), answerCsv(answer));
      }
      // Both are files a client may keep: named as the CSV download, with their own extension.
      if (format === ARROW_STREAM_TYPE || format === PARQUET_TYPE) {
        reply.header(
          'content-disposition',
          `attachment; filename="${csvFileName(answer).replace(/\.csv$/, format === PARQUET_TYPE ? '.parquet' : '.arrows')}"`,
        );
        if (format === PARQUET_TYPE) return reply.type(PARQUET_TYPE).send(answerParquet(answer));
        return sendChunks(reply.type(ARROW_STREAM_TYPE), answerArrow(answer));
      }
      // Written as text (answer-json.ts): the schema documents the union of point shapes; serializing through it would test each point against both.
      return sendChunks(reply.type(JSON_TYPE), answerJsonChunks(answer));
    },
  );
}
