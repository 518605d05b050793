import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { ConsumerId, OrganizationId } from '@medido/contracts';
import type { Credentials } from '../credentials/credentials.ts';
import { problemResponses } from '@medido/platform';

/**
 * What the admin access listing reads: the access read model (libs/catalog's AccessLogReader satisfies
 * it structurally; the ingestor does not depend on the catalog library). A record is what the listing
 * answers, so its type is the answer's schema (`AccessItem` below).
 */
export interface AccessDirectory {
  listAccess(
    filter: { consumerId?: string; organizationId?: string },
    page: { after?: string; limit: number },
  ): Promise<{ items: AccessView[]; next: string | null }>;
}

/** True when the process's read model also holds the access records (the catalog store does). */
export function hasAccessLog(directory: object): directory is AccessDirectory {
  return typeof (directory as Partial<AccessDirectory>).listAccess === 'function';
}

const Instant = Type.String({ format: 'date-time' });
const Described = (description: string) => Type.String({ description });
const NullableInstant = (description: string) => Type.Union([Instant, Type.Null()], { description });
const AccessItem = Type.Object(
  {
    eventId: Described('Id of the access event.'),
    consumerId: Described('The API consumer that read.'),
    clientId: Described('The OAuth client of its token.'),
    method: Described('HTTP method.'),
    route: Type.String({ description: 'Route pattern, e.g. /v1/measurements.' }),
    url: Type.String({ description: 'Path and query string as sent.' }),
    status: Type.Integer({ description: 'HTTP status answered.' }),
    requestId: Type.String({ description: "The x-request-id of the answer, as in the api's request log." }),
    organizationIds: Type.Array(Type.String(), { description: 'Organizations whose data the answer held.' }),
    installationIds: Type.Array(Type.String(), { description: 'Installations whose data the answer held.' }),
    unitId: Type.Union([Type.String(), Type.Null()], { description: 'The unit read, or null.' }),
    deviceIds: Type.Array(Type.String(), { description: 'Meters whose data the answer held.' }),
    from: NullableInstant('Measurements window start, or null.'),
    to: NullableInstant('Measurements window end, or null.'),
    rows: Type.Integer({ description: 'Points or items answered; 0 for an error.' }),
    answeredAt: Type.String({ format: 'date-time', description: 'When the answer was sent.' }),
  },
  { $id: 'AccessRecord', description: 'One answered read of an API consumer.' },
);
export type AccessView = Type.Static<typeof AccessItem>;
const AccessPage = Type.Object(
  {
    items: Type.Array(AccessItem, { description: 'This page, newest first.' }),
    next: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as `after` for the next (older) page; null at the end.',
    }),
  },
  { $id: 'AccessRecordPage', description: 'One page of access records.' },
);
const AccessQuery = Type.Object(
  {
    consumerId: Type.Optional(ConsumerId),
    organizationId: Type.Optional(OrganizationId),
    after: Type.Optional(
      Type.String({ minLength: 1, maxLength: 300, description: 'The `next` of the previous page.' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'Page size, default 100.' })),
  },
  { additionalProperties: false },
);

/**
 * GET /v1/admin/access: who read what through the read API (one record per answered read), newest
 * first, per consumer and/or per organization. Admin credential only: the records are personal data
 * about the consumers and the households whose meters they read.
 */
export async function accessQueriesRoute(
  app: FastifyInstance,
  options: { access: AccessDirectory; credentials: Credentials },
): Promise<void> {
  app.get(
    '/v1/admin/access',
    {
      onRequest: options.credentials.require('admin'),
      schema: {
        tags: ['admin'],
        security: [{ adminCredential: [] }],
        summary: 'List access records (who read what)',
        description:
          "One record per answered read of an API consumer, newest first. Filter by `consumerId`, `organizationId` (records whose answer held that organization's data), or both. Records appear once the projector has applied them (usually within a second).",
        querystring: AccessQuery,
        response: {
          200: AccessPage,
          ...problemResponses(['REQUEST_INVALID', 'AUTH_TOKEN_MISSING', 'AUTH_CREDENTIAL_INVALID', 'AUTH_FORBIDDEN']),
        },
      },
    },
    async (request, reply) => {
      const { consumerId, organizationId, after, limit = 100 } = request.query as Type.Static<typeof AccessQuery>;
      reply.header('cache-control', 'no-store');
      return options.access.listAccess(
        {
          ...(consumerId === undefined ? {} : { consumerId }),
          ...(organizationId === undefined ? {} : { organizationId }),
        },
        after === undefined ? { limit } : { after, limit },
      );
    },
  );
}
