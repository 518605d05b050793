import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { ConsumerId } from '@medido/contracts';
import { MedidoError } from '@medido/platform';
import type { Credentials } from '../credentials/credentials.ts';
import { ConsumerIdParams } from '../ingest.schema.ts';
import { problemResponses } from '../problem-responses.ts';
import type { ConsumerDirectory } from './consumer-directory.ts';

const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const ConsumerView = Type.Object({
  consumerId: ConsumerId, name: Type.String(), email: Type.String(), subject: Type.String(), grants: Type.Array(Type.String()),
  expiresAt: Nullable(Type.String({ format: 'date-time' })), disabled: Type.Boolean(), disabledAt: Nullable(Type.String({ format: 'date-time' })),
});
const ConsumerPage = Type.Object({ items: Type.Array(ConsumerView), next: Nullable(Type.String({ description: 'Pass as `after` for the next page; null at the end.' })) });
const PageQuery = Type.Object({
  after: Type.Optional(ConsumerId), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'Page size, default 100.' })),
}, { additionalProperties: false });
const PROBLEMS = problemResponses('REQUEST_INVALID', 'AUTH_TOKEN_MISSING', 'AUTH_CREDENTIAL_INVALID', 'AUTH_FORBIDDEN');

/** Read side of the admin endpoints, offered when the process has the catalog read model. */
export async function consumerQueriesRoute(app: FastifyInstance, options: { consumers: ConsumerDirectory; credentials: Credentials }): Promise<void> {
  const common = { tags: ['admin'], security: [{ adminCredential: [] }] };
  app.get('/v1/admin/consumers', {
    onRequest: options.credentials.require('admin'),
    schema: { ...common, summary: 'List API consumers', querystring: PageQuery, response: { 200: ConsumerPage, ...PROBLEMS } },
  }, async (request) => {
    const { after, limit = 100 } = request.query as { after?: string; limit?: number };
    return options.consumers.listConsumers(after === undefined ? { limit } : { after, limit });
  });
  app.get('/v1/admin/consumers/:consumerId', {
    onRequest: options.credentials.require('admin'),
    schema: { ...common, summary: 'One API consumer', params: ConsumerIdParams, response: { 200: ConsumerView, ...problemResponses('CONSUMER_NOT_FOUND'), ...PROBLEMS } },
  }, async (request) => {
    const { consumerId } = request.params as { consumerId: string };
    const consumer = await options.consumers.getConsumer(consumerId);
    if (!consumer) throw new MedidoError('CONSUMER_NOT_FOUND', `no API consumer ${consumerId}`);
    return consumer;
  });
}
