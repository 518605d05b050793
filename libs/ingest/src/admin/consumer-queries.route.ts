import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { ConsumerId } from '@medido/contracts';
import { MedidoError, problemResponses } from '@medido/platform';
import type { Credentials } from '../credentials/credentials.ts';
import { ConsumerIdParams } from '../ingest.schema.ts';
import { ConsumerItem, type ConsumerDirectory } from './consumer-directory.ts';

const ConsumerPage = Type.Object(
  {
    items: Type.Array(ConsumerItem, { description: 'This page, in id order.' }),
    next: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as `after` for the next page; null at the end.',
    }),
  },
  { $id: 'ApiConsumerPage', description: 'One page of API consumers.' },
);
const PageQuery = Type.Object(
  {
    after: Type.Optional(ConsumerId),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'Page size, default 100.' })),
  },
  { additionalProperties: false },
);
const PROBLEMS = problemResponses([
  'REQUEST_INVALID',
  'AUTH_TOKEN_MISSING',
  'AUTH_CREDENTIAL_INVALID',
  'AUTH_FORBIDDEN',
]);

/** Read side of the admin endpoints, offered when the process has the catalog read model. */
export async function consumerQueriesRoute(
  app: FastifyInstance,
  options: { consumers: ConsumerDirectory; credentials: Credentials },
): Promise<void> {
  const common = { tags: ['admin'], security: [{ adminCredential: [] }] };
  app.get(
    '/v1/admin/consumers',
    {
      onRequest: options.credentials.require('admin'),
      schema: {
        ...common,
        summary: 'List API consumers',
        querystring: PageQuery,
        response: { 200: ConsumerPage, ...PROBLEMS },
      },
    },
    async (request) => {
      const { after, limit = 100 } = request.query as { after?: string; limit?: number };
      return options.consumers.listConsumers(after === undefined ? { limit } : { after, limit });
    },
  );
  app.get(
    '/v1/admin/consumers/:consumerId',
    {
      onRequest: options.credentials.require('admin'),
      schema: {
        ...common,
        summary: 'One API consumer',
        params: ConsumerIdParams,
        response: { 200: ConsumerItem, ...problemResponses(['CONSUMER_NOT_FOUND']), ...PROBLEMS },
      },
    },
    async (request) => {
      const { consumerId } = request.params as { consumerId: string };
      const consumer = await options.consumers.getConsumer(consumerId);
      if (!consumer) throw new MedidoError('CONSUMER_NOT_FOUND', `no API consumer ${consumerId}`);
      return consumer;
    },
  );
}
