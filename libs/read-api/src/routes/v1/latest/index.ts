import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { MedidoError, problemResponses } from '@medido/platform';
import { catalogAccess, noteAccess } from '../../../access/access-note.ts';
import { callerOf } from '../../../auth/caller-hook.ts';
import { CSV_ANSWER_TYPE, CSV_TYPE, JSON_TYPE, measurementReplyHeaders } from '../../../http/measurement-reply.ts';
import { measurementRouteOptions, openMeasurementAnswer } from '../../../http/measurement-parameters.ts';
import { latestAnswer, type LatestSeries } from '../../../latest/latest-answer.ts';
import { latestDevices, type LatestScope } from '../../../latest/latest-scope.ts';
import { field } from '../../../measurements/answer-csv.ts';
import { parseDeviceIds, parseVariables } from '../../../measurements/measurements-query.ts';
import { readersOf } from '../../../read-model.ts';
import { BEARER_SECURITY, MEASUREMENT_PROBLEMS, SCOPE_NOT_FOUND } from '../../../schemas/common.schema.ts';
import { latestQuerystring, LatestResponse } from '../../../schemas/latest.schema.ts';

export const LATEST_COLUMNS = [
  'installationId',
  'unitId',
  'deviceId',
  'variable',
  'unit',
  'ts',
  'value',
  'quality',
  'ingestedAt',
] as const;

/** RFC 4180 with a header row, the columns of the JSON items. */
function latestCsv(series: LatestSeries[]): string {
  const rows = series.map((s) => LATEST_COLUMNS.map((c) => field(s[c])).join(','));
  return [LATEST_COLUMNS.join(','), ...rows].map((r) => `${r}\r\n`).join('');
}

export default async function latestRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const model = app.readModel;
  const querystring = latestQuerystring(model.limits);

  api.get(
    '/latest',
    {
      schema: {
        summary: 'Latest value of every series of an installation, a unit or a list of meters',
        description:
          "Per series (a meter's variable) its newest reading: time, value, quality and ingestion time, in one call, from the measurements store's per-series index. Give exactly one of `installationId`, `unitId` and `deviceIds`; anything the caller may not read answers 404, as what does not exist. Not paged: one item per series of the selected meters. JSON or CSV (Accept: text/csv; the same columns).",
        tags: ['measurements'],
        security: BEARER_SECURITY,
        querystring,
        response: {
          200: {
            description: 'The newest reading of every selected series.',
            content: { [JSON_TYPE]: { schema: LatestResponse }, [CSV_TYPE]: { schema: Type.String() } },
          },
          ...problemResponses([
            ...MEASUREMENT_PROBLEMS,
            'MEASUREMENTS_VARIABLE_UNKNOWN',
            ...SCOPE_NOT_FOUND,
            'DEPENDENCY_UNAVAILABLE',
          ]),
        },
      },
      ...measurementRouteOptions(querystring),
    },
    async (request, typedReply) => {
      const { reply, format } = openMeasurementAnswer(request, typedReply, [JSON_TYPE, CSV_TYPE]);
      const { installationId, unitId } = request.query;
      const deviceIds = parseDeviceIds(request.query.deviceIds, model.limits.maxDeviceIds);
      const variables = parseVariables(request.query.variables, model.limits.maxVariables);
      const given = [installationId, unitId, deviceIds].filter((x) => x !== undefined && x !== null).length;
      if (given === 0)
        throw new MedidoError('MEASUREMENTS_SCOPE_REQUIRED', 'give one of installationId, unitId and deviceIds');
      if (given > 1)
        throw new MedidoError(
          'MEASUREMENTS_PARAMETER_INVALID',
          'give exactly one of installationId, unitId and deviceIds',
        );
      const scope: LatestScope = deviceIds
        ? { kind: 'devices', ids: deviceIds }
        : installationId !== undefined
          ? { kind: 'installation', id: installationId }
          : { kind: 'unit', id: unitId! };
      const devices = await latestDevices(scope, callerOf(request), readersOf(model));
      const series = await latestAnswer(model.measurements, devices, variables);
      noteAccess(request, {
        ...catalogAccess(devices, scope.kind === 'unit' ? scope.id : undefined),
        rows: series.length,
      });
      // Not paged: no Link.
      measurementReplyHeaders(reply, request.url);
      if (format === CSV_TYPE) {
        reply.header('content-disposition', 'attachment; filename="latest.csv"');
        return reply.type(CSV_ANSWER_TYPE).send(latestCsv(series));
      }
      return reply.type(JSON_TYPE).send({ series });
    },
  );
}
