import type { FastifyInstance, FastifyReply } from 'fastify';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Organization } from '@medido/catalog';
import { MedidoError, problemResponses } from '@medido/platform';
import { catalogAccess, noteAccess } from '../../../access/access-note.ts';
import { callerOf } from '../../../auth/caller-hook.ts';
import { mayRead, type ApiCaller } from '../../../auth/api-caller.ts';
import { conditionalGet } from '../../../http/conditional-get.ts';
import { rejectUnknownParameters } from '../../../http/unknown-parameters.ts';
import { OrganizationItem, OrganizationList } from '../../../schemas/catalog.schema.ts';
import { AUTH_PROBLEMS, BEARER_SECURITY, IdParams, pageQuery } from '../../../schemas/common.schema.ts';
import { queryFingerprint } from '../../../http/cursor-codec.ts';
import { createAnswerMemo } from '../../../http/answer-memo.ts';
import { nextCursor, pageAt } from '../catalog-paging.ts';

const item = (caller: ApiCaller, o: Organization) => ({
  organizationId: o.organizationId,
  name: o.name,
  visibility: o.visibility,
  accessible: mayRead(caller, o),
});

const LIST_FINGERPRINT = queryFingerprint('GET /v1/organizations', null);

export default async function organizationRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const model = app.readModel;
  const answers = createAnswerMemo();
  const { catalogPageDefault, catalogPageMax } = model.limits;

  api.get(
    '/organizations',
    {
      schema: {
        summary: 'List every organization',
        description:
          'Every organization of the platform with its visibility, as the platform\'s directory (the seed: "todas las organizaciones que existen en la plataforma"), including private ones the caller holds no grant for: names and visibility are not confidential. `accessible` says which ones the caller may read; the installations, devices and measurements of the others answer 404.',
        tags: ['catalog'],
        security: BEARER_SECURITY,
        querystring: Type.Object(pageQuery(catalogPageDefault, catalogPageMax)),
        response: { 200: OrganizationList, ...problemResponses([...AUTH_PROBLEMS, 'CURSOR_INVALID']) },
      },
      preValidation: rejectUnknownParameters(['limit', 'cursor']),
      onSend: conditionalGet(model.catalogMaxAgeSeconds),
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const { page, fingerprint } = pageAt(model, LIST_FINGERPRINT, request.query);
      // Every request reads the directory's snapshot: its answer is serialized (and its ETag hashed) once
      // per snapshot, page and set of grants — the grants decide `accessible`, nothing else of the caller does.
      const result = await model.organizations.page(page);
      const key = `${page.after ?? ''}\0${page.limit}\0${[...caller.grants].sort().join('\0')}`;
      const { body, etag } = answers.answer(result.snapshot, key, () =>
        String(
          reply.serialize({
            organizations: result.items.map((o) => item(caller, o)),
            nextCursor: nextCursor(model, fingerprint, result),
          }),
        ),
      );
      // The directory is not confidential: only its size is noted, not every organization as accessed.
      noteAccess(request, { rows: result.items.length });
      // The body is the route's own serializer output: sent as is, typed JSON, with its stored ETag.
      return (reply as FastifyReply).header('etag', etag).type('application/json; charset=utf-8').send(body);
    },
  );

  api.get(
    '/organizations/:id',
    {
      schema: {
        summary: 'One organization',
        description:
          'A public organization, or a private one the caller holds a grant for; any other id answers 404 ORGANIZATION_NOT_FOUND, exactly as an id that does not exist.',
        tags: ['catalog'],
        security: BEARER_SECURITY,
        params: IdParams('Organization', 'as listed by GET /v1/organizations.'),
        response: { 200: OrganizationItem, ...problemResponses([...AUTH_PROBLEMS, 'ORGANIZATION_NOT_FOUND']) },
      },
      onSend: conditionalGet(model.catalogMaxAgeSeconds),
    },
    async (request) => {
      const caller = callerOf(request);
      const organization = await model.catalog.getOrganization(request.params.id);
      if (!organization || !mayRead(caller, organization))
        throw new MedidoError('ORGANIZATION_NOT_FOUND', `no organization ${request.params.id}`);
      noteAccess(request, catalogAccess([organization]));
      return item(caller, organization);
    },
  );
}
