import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { problemResponses } from '@medido/platform';
import { measurementsAccess, noteAccess } from '../../../access/access-note.ts';
import { callerOf } from '../../../auth/caller-hook.ts';
import { measurementsDescription } from '../../../docs/measurements-description.ts';
import { CSV_ANSWER_TYPE, CSV_TYPE, JSON_TYPE, measurementReplyHeaders } from '../../../http/measurement-reply.ts';
import { measurementRouteOptions, openMeasurementAnswer } from '../../../http/measurement-parameters.ts';
import { sendChunks } from '../../../http/send-chunks.ts';
import { answerCsv, csvFileName } from '../../../measurements/answer-csv.ts';
import { answerArrow, ARROW_STREAM_TYPE } from '../../../measurements/answer-arrow.ts';
import { answerJsonChunks } from '../../../measurements/answer-json.ts';
import { answerParquet, PARQUET_TYPE } from '../../../measurements/answer-parquet.ts';
import { readMeasurements } from '../../../measurements/measurements-reader.ts';
import { readersOf } from '../../../read-model.ts';
import { BEARER_SECURITY, MEASUREMENT_PROBLEMS, SCOPE_NOT_FOUND } from '../../../schemas/common.schema.ts';
import { measurementsQuerystring, MeasurementsResponse } from '../../../schemas/measurements.schema.ts';

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
            ...MEASUREMENT_PROBLEMS,
            'MEASUREMENTS_WINDOW_INVALID',
            'MEASUREMENTS_WINDOW_TOO_LARGE',
            'TIMEZONE_UNKNOWN',
            'MEASUREMENTS_DEVICE_NOT_IN_SCOPE',
            'MEASUREMENTS_VARIABLE_UNKNOWN',
            'CURSOR_INVALID',
            ...SCOPE_NOT_FOUND,
          ]),
        },
      },
      ...measurementRouteOptions(querystring),
    },
    async (request, typedReply) => {
      const offered = [JSON_TYPE, CSV_TYPE, ARROW_STREAM_TYPE, PARQUET_TYPE] as const;
      const { reply, format } = openMeasurementAnswer(request, typedReply, offered);
      const answer = await readMeasurements(readersOf(model), callerOf(request), request.query);
      noteAccess(request, measurementsAccess(answer));
      measurementReplyHeaders(reply, request.url, answer.nextCursor);
      if (format === CSV_TYPE) {
        reply.header('content-disposition', `attachment; filename="${csvFileName(answer)}"`);
        return sendChunks(reply.type(CSV_ANSWER_TYPE), answerCsv(answer));
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
