import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Installation } from '@medido/catalog';
import { MedidoError, problemResponses } from '@medido/platform';
import { catalogAccess, noteAccess } from '../../../access/access-note.ts';
import { callerOf } from '../../../auth/caller-hook.ts';
import { mayRead } from '../../../auth/api-caller.ts';
import { readableOrganizationIds } from '../../../auth/readable-scope.ts';
import { conditionalGet } from '../../../http/conditional-get.ts';
import { rejectUnknownParameters } from '../../../http/unknown-parameters.ts';
import { installationZone } from '../../../measurements/measurements-scope.ts';
import { InstallationItem, InstallationList } from '../../../schemas/catalog.schema.ts';
import { AUTH_PROBLEMS, BEARER_SECURITY, IdParams, pageQuery } from '../../../schemas/common.schema.ts';
import { nameFilterQuery, rejectInvalidQuery } from '../catalog-filters.ts';
import { catalogPage, nextCursor } from '../catalog-paging.ts';

export const installationItem = (i: Installation) => ({
  installationId: i.installationId,
  organizationId: i.organizationId,
  name: i.name,
  timezone: installationZone(i),
  address: i.address,
  units: i.units.map((u) => ({ unitId: u.unitId, name: u.name })),
});

export default async function installationRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const model = app.readModel;
  const { catalogPageDefault, catalogPageMax } = model.limits;

  api.get(
    '/installations',
    {
      schema: {
        summary: 'List installations with their units',
        description:
          "The installations the caller may read (of public organizations and of granted private ones), each with its units. With `organizationId`, only that organization's; an organization the caller may not read answers 404, as one that does not exist. `name` narrows the list; a cursor continues only the list of the same filters.",
        tags: ['catalog'],
        security: BEARER_SECURITY,
        querystring: Type.Object({
          organizationId: Type.Optional(
            Type.String({ minLength: 1, maxLength: 128, description: "Only this organization's installations." }),
          ),
          ...nameFilterQuery,
          ...pageQuery(catalogPageDefault, catalogPageMax),
        }),
        response: {
          200: InstallationList,
          ...problemResponses([...AUTH_PROBLEMS, 'ORGANIZATION_NOT_FOUND', 'CATALOG_FILTER_INVALID', 'CURSOR_INVALID']),
        },
      },
      attachValidation: true,
      preValidation: rejectUnknownParameters(['organizationId', 'name', 'limit', 'cursor']),
      onSend: conditionalGet(model.catalogMaxAgeSeconds),
    },
    async (request) => {
      rejectInvalidQuery(request);
      const caller = callerOf(request);
      const { organizationId, name } = request.query;
      const organizationIds = await readableOrganizationIds(organizationId, caller, model.organizations);
      const { page, fingerprint } = catalogPage(
        model,
        'GET /v1/installations',
        { organizationId: organizationId ?? null, name: name ?? null },
        request.query,
      );
      if (organizationIds.length === 0) return { installations: [], nextCursor: null };
      const result = await model.catalog.listInstallations(
        { organizationIds, ...(name !== undefined && { nameContains: name }) },
        page,
      );
      noteAccess(request, catalogAccess(result.items));
      return { installations: result.items.map(installationItem), nextCursor: nextCursor(model, fingerprint, result) };
    },
  );

  api.get(
    '/installations/:id',
    {
      schema: {
        summary: 'One installation with its units',
        description:
          'An installation of an organization the caller may read; any other id answers 404 INSTALLATION_NOT_FOUND, exactly as one that does not exist.',
        tags: ['catalog'],
        security: BEARER_SECURITY,
        params: IdParams('Installation', 'as listed by GET /v1/installations.'),
        response: { 200: InstallationItem, ...problemResponses([...AUTH_PROBLEMS, 'INSTALLATION_NOT_FOUND']) },
      },
      onSend: conditionalGet(model.catalogMaxAgeSeconds),
    },
    async (request) => {
      const caller = callerOf(request);
      const installation = await model.catalog.getInstallation(request.params.id);
      if (!installation || !mayRead(caller, await model.organizations.get(installation.organizationId))) {
        throw new MedidoError('INSTALLATION_NOT_FOUND', `no installation ${request.params.id}`);
      }
      noteAccess(request, catalogAccess([installation]));
      return installationItem(installation);
    },
  );
}
