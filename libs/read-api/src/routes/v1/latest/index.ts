import type { FastifyInstance, FastifyReply } from 'fastify';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { MedidoError, problemResponses } from '@medido/platform';
import { catalogAccess, noteAccess } from '../../../access/access-note.ts';
import { callerOf } from '../../../auth/caller-hook.ts';
import { negotiate } from '../../../http/content-negotiation.ts';
import { measurementRouteOptions, refuseInvalidParameters } from '../../../http/measurement-parameters.ts';
import { latestAnswer, type LatestSeries } from '../../../latest/latest-answer.ts';
import { latestDevices, type LatestScope } from '../../../latest/latest-scope.ts';
import { field } from '../../../measurements/answer-csv.ts';
import { parseDeviceIds, parseVariables } from '../../../measurements/measurements-query.ts';
import { readersOf } from '../../../read-model.ts';
import { AUTH_PROBLEMS, BEARER_SECURITY } from '../../../schemas/common.schema.ts';
import { latestQuerystring, LatestResponse } from '../../../schemas/latest.schema.ts';

const JSON_TYPE = 'application/json';
const CSV_TYPE = 'text/csv';
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
            ...AUTH_PROBLEMS,
            'NOT_ACCEPTABLE',
            'MEASUREMENTS_SCOPE_REQUIRED',
            'MEASUREMENTS_PARAMETER_INVALID',
            'MEASUREMENTS_VARIABLE_UNKNOWN',
            'INSTALLATION_NOT_FOUND',
            'UNIT_NOT_FOUND',
            'DEVICE_NOT_FOUND',
            'DEPENDENCY_UNAVAILABLE',
          ]),
        },
      },
      ...measurementRouteOptions(querystring),
    },
    async (request, typedReply) => {
      const reply = typedReply as unknown as FastifyReply;
      refuseInvalidParameters(request);
      const format = negotiate(request.headers.accept, [JSON_TYPE, CSV_TYPE] as const);
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
      reply.header('cache-control', 'private, no-cache');
      reply.header('vary', 'Authorization, Accept');
      if (format === CSV_TYPE) {
        reply.header('content-disposition', 'attachment; filename="latest.csv"');
        return reply.type('text/csv; charset=utf-8; header=present').send(latestCsv(series));
      }
      return reply.type(JSON_TYPE).send({ series });
    },
  );
}
