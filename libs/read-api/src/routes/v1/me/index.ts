import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { noteAccess } from '../../../access/access-note.ts';
import { callerOf } from '../../../auth/caller-hook.ts';
import { Me } from '../../../schemas/catalog.schema.ts';
import { AUTH_PROBLEMS, BEARER_SECURITY } from '../../../schemas/common.schema.ts';
import { problemResponses } from '@medido/platform';

export default async function meRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/me',
    {
      schema: {
        summary: 'The caller',
        description:
          'Identity and grants as carried by the access token (no database read): what every other route authorizes with.',
        tags: ['identity'],
        security: BEARER_SECURITY,
        response: { 200: Me, ...problemResponses(AUTH_PROBLEMS) },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      // Token-specific: never stored by a shared or private cache.
      reply.header('cache-control', 'no-store');
      noteAccess(request, { rows: 1 });
      return {
        consumerId: caller.consumerId,
        clientId: caller.clientId,
        role: caller.role,
        scope: caller.scope,
        grants: [...caller.grants].sort(),
        tokenExpiresAt: new Date(caller.expiresAt).toISOString(),
      };
    },
  );
}
