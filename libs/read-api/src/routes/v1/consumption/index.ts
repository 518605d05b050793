import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { problemResponses } from '@medido/platform';
import { noteAccess } from '../../../access/access-note.ts';
import { callerOf } from '../../../auth/caller-hook.ts';
import { consumptionCsv, consumptionFileName } from '../../../consumption/consumption-csv.ts';
import { readConsumption } from '../../../consumption/consumption-reader.ts';
import { CSV_ANSWER_TYPE, CSV_TYPE, JSON_TYPE, measurementReplyHeaders } from '../../../http/measurement-reply.ts';
import { measurementRouteOptions, openMeasurementAnswer } from '../../../http/measurement-parameters.ts';
import { readersOf } from '../../../read-model.ts';
import { BEARER_SECURITY, MEASUREMENT_PROBLEMS, SCOPE_NOT_FOUND } from '../../../schemas/common.schema.ts';
import { consumptionQuerystring, ConsumptionResponse } from '../../../schemas/consumption.schema.ts';

const DESCRIPTION = [
  "A billing-grade statement for a meter, a unit or an installation (exactly one of `deviceId`, `unitId`, `installationId`) over a period in the installation's time zone: a calendar month (`month=YYYY-MM`, by default the current one) or `from`/`to` (dates are that day's local start).",
  "Per register (each cumulative variable of each meter): the **opening** reading (the last at or before the start, else the first inside the period), the **closing** reading (the last at or before the end: a reading exactly at the end closes this period and opens the next), every **reset** with the readings on both sides, and the **consumption**: the increases between consecutive readings whose later one is in (start, end], the later value after a reset — the same number as the sum of `delta` of /v1/measurements over [start, end), and closing − opening + each reset's `before` value.",
  "Re-sent readings count once (the latest ingested wins); late readings count as if they had come in order. Coverage compares the increases with those the register's declared reading interval implies; the quality share splits them by the quality of the reading closing each. `period.hours` follows clock changes (743/745 h in a 31-day month with a DST change).",
  'Totals add registers of the same variable and unit of measure, per unit and over the whole statement; they are the same on every page. Pages hold at most `limit` registers; continue with `nextCursor`. JSON or CSV (Accept: text/csv: one row per register, the totals on the last page, the next page in `Link`).',
].join('\n\n');

export default async function consumptionRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const model = app.readModel;
  const querystring = consumptionQuerystring(model.limits);

  api.get(
    '/consumption',
    {
      schema: {
        summary: 'Consumption statement of a meter, a unit or an installation for a billing period',
        description: DESCRIPTION,
        tags: ['measurements'],
        security: BEARER_SECURITY,
        querystring,
        response: {
          200: {
            description: 'One page of the statement.',
            content: { [JSON_TYPE]: { schema: ConsumptionResponse }, [CSV_TYPE]: { schema: Type.String() } },
          },
          ...problemResponses([
            ...MEASUREMENT_PROBLEMS,
            'MEASUREMENTS_WINDOW_INVALID',
            'MEASUREMENTS_WINDOW_TOO_LARGE',
            'CURSOR_INVALID',
            ...SCOPE_NOT_FOUND,
            'DEPENDENCY_UNAVAILABLE',
          ]),
        },
      },
      ...measurementRouteOptions(querystring),
    },
    async (request, typedReply) => {
      const { reply, format } = openMeasurementAnswer(request, typedReply, [JSON_TYPE, CSV_TYPE]);
      const answer = await readConsumption(readersOf(model), callerOf(request), request.query);
      const { resolved, period, json } = answer;
      noteAccess(request, {
        organizationIds: [resolved.installation.organizationId],
        installationIds: [resolved.installation.installationId],
        unitId: resolved.unitId,
        deviceIds: [...new Set(json.registers.map((r) => r.deviceId))].sort(),
        from: period.from,
        to: period.to,
        rows: json.registers.length,
      });
      measurementReplyHeaders(reply, request.url, answer.nextCursor);
      if (format === CSV_TYPE) {
        reply.header('content-disposition', `attachment; filename="${consumptionFileName(answer)}"`);
        return reply.type(CSV_ANSWER_TYPE).send(consumptionCsv(answer));
      }
      return reply.type(JSON_TYPE).send(json);
    },
  );
}
