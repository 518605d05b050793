import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Device } from '@medido/catalog';
import { MedidoError, problemResponses } from '@medido/platform';
import { catalogAccess, noteAccess } from '../../../access/access-note.ts';
import { callerOf } from '../../../auth/caller-hook.ts';
import { mayRead } from '../../../auth/api-caller.ts';
import { conditionalGet } from '../../../http/conditional-get.ts';
import { rejectUnknownParameters } from '../../../http/unknown-parameters.ts';
import { DeviceItem, DeviceList } from '../../../schemas/catalog.schema.ts';
import { AUTH_PROBLEMS, BEARER_SECURITY, IdParams, pageQuery } from '../../../schemas/common.schema.ts';
import { deviceFilterQuery, rejectInvalidQuery } from '../catalog-filters.ts';
import { catalogPage, nextCursor } from '../catalog-paging.ts';
import { readableDeviceScope } from './device-scope.ts';

const deviceItem = (d: Device, lastSeen: Map<string, number>) => {
  const seen = lastSeen.get(d.deviceId);
  return {
    deviceId: d.deviceId,
    installationId: d.installationId,
    organizationId: d.organizationId,
    unitId: d.unitId,
    name: d.name,
    model: d.model,
    status: d.status,
    lastSeenAt: seen === undefined ? null : new Date(seen).toISOString(),
    variables: d.variables.map((v) => ({
      name: v.name,
      unit: v.unit,
      kind: v.kind,
      ...(v.decimals === undefined ? {} : { decimals: v.decimals }),
      ...(v.readingIntervalSeconds === undefined ? {} : { readingIntervalSeconds: v.readingIntervalSeconds }),
    })),
  };
};

export default async function deviceRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const model = app.readModel;
  const { catalogPageDefault, catalogPageMax } = model.limits;

  api.get(
    '/devices',
    {
      schema: {
        summary: 'List meters: of an installation, a unit, an organization or every one the caller may read',
        description:
          'Meters with their status, last reading time and variables (name, unit, kind). Give at most one of `installationId`, `unitId` and `organizationId`; none lists the meters of every organization the caller may read (e.g. `?status=offline`: every offline meter). A scope the caller may not read answers 404, as one that does not exist. `status`, `variable` and `name` narrow the list (all given must hold); a cursor continues only the list of the same scope and filters.',
        tags: ['catalog'],
        security: BEARER_SECURITY,
        querystring: Type.Object({
          installationId: Type.Optional(
            Type.String({ minLength: 1, maxLength: 128, description: "The installation's meters (all its units)." }),
          ),
          unitId: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: "The unit's meters." })),
          organizationId: Type.Optional(
            Type.String({
              minLength: 1,
              maxLength: 128,
              description: 'The meters of every installation of the organization.',
            }),
          ),
          ...deviceFilterQuery,
          ...pageQuery(catalogPageDefault, catalogPageMax),
        }),
        response: {
          200: DeviceList,
          ...problemResponses([
            ...AUTH_PROBLEMS,
            'INSTALLATION_NOT_FOUND',
            'UNIT_NOT_FOUND',
            'ORGANIZATION_NOT_FOUND',
            'CATALOG_FILTER_INVALID',
            'CURSOR_INVALID',
          ]),
        },
      },
      attachValidation: true,
      preValidation: rejectUnknownParameters([
        'installationId',
        'unitId',
        'organizationId',
        'status',
        'variable',
        'name',
        'limit',
        'cursor',
      ]),
      onSend: conditionalGet(model.catalogMaxAgeSeconds),
    },
    async (request) => {
      rejectInvalidQuery(request);
      const caller = callerOf(request);
      const { installationId, unitId, organizationId, status, variable, name } = request.query;
      const scope = await readableDeviceScope(model, caller, { installationId, unitId, organizationId });
      const narrowing = {
        ...(status !== undefined && { status }),
        ...(variable !== undefined && { variable }),
        ...(name !== undefined && { nameContains: name }),
      };
      const filter = { ...scope, ...narrowing };
      // A cursor belongs to the scope asked for, not to the organizations it resolved to at the first page.
      const asked = { installationId, unitId, organizationId, ...narrowing };
      const { page, fingerprint } = catalogPage(model, 'GET /v1/devices', asked, request.query);
      const result = await model.catalog.listDevices(filter, page);
      // Last reading times come from the measurements store, which has every reading: one query per page.
      const lastSeen = await model.measurements.lastSeen(result.items.map((d) => d.deviceId));
      noteAccess(request, catalogAccess(result.items, unitId));
      return {
        devices: result.items.map((d) => deviceItem(d, lastSeen)),
        nextCursor: nextCursor(model, fingerprint, result),
      };
    },
  );

  api.get(
    '/devices/:id',
    {
      schema: {
        summary: 'One meter',
        description:
          'A meter of an organization the caller may read; any other id answers 404 DEVICE_NOT_FOUND, exactly as one that does not exist.',
        tags: ['catalog'],
        security: BEARER_SECURITY,
        params: IdParams('Device', 'as listed by GET /v1/devices.'),
        response: { 200: DeviceItem, ...problemResponses([...AUTH_PROBLEMS, 'DEVICE_NOT_FOUND']) },
      },
      onSend: conditionalGet(model.catalogMaxAgeSeconds),
    },
    async (request) => {
      const caller = callerOf(request);
      const device = await model.catalog.getDevice(request.params.id);
      if (!device || !mayRead(caller, await model.organizations.get(device.organizationId)))
        throw new MedidoError('DEVICE_NOT_FOUND', `no device ${request.params.id}`);
      noteAccess(request, catalogAccess([device], device.unitId ?? undefined));
      return deviceItem(device, await model.measurements.lastSeen([device.deviceId]));
    },
  );
}
