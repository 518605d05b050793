import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  ChangeApiConsumerGrants, CreateApiConsumer, DisableApiConsumer, EVENT_SOURCES, TOPICS, dataSchemaUrn, type ConsumerEvent,
} from '@medido/contracts';
import type { EventBus } from '@medido/event-bus';
import type { Credentials } from '../credentials/credentials.ts';
import { ConsumerCommandAccepted, ConsumerIdParams } from '../ingest.schema.ts';
import { eventHeaders } from '../measurements/measurement-events.ts';
import { problemResponses } from '../problem-responses.ts';
import { publishOrUnavailable } from '../publish-or-unavailable.ts';

export interface ConsumerCommandsOptions { bus: EventBus; credentials: Credentials; now: () => number }

const PROBLEMS = problemResponses('REQUEST_INVALID', 'REQUEST_BODY_MALFORMED', 'AUTH_TOKEN_MISSING', 'AUTH_CREDENTIAL_INVALID',
  'AUTH_FORBIDDEN', 'MEDIA_TYPE_UNSUPPORTED', 'EVENT_BUS_UNAVAILABLE');
const NOTE = 'Answers 202 once the event is stored; the change shows in the read model when the projector applied it.';

/** Admin commands (imperative, validated whole) → consumer events (past tense) on the consumers topic. */
export async function consumerCommandsRoute(app: FastifyInstance, options: ConsumerCommandsOptions): Promise<void> {
  const admin = options.credentials.require('admin');
  const common = { tags: ['admin'], security: [{ adminCredential: [] }] };

  async function publish(request: FastifyRequest, type: ConsumerEvent['type'], consumerId: string, data: Record<string, unknown>) {
    const event = {
      specversion: '1.0', id: randomUUID(), source: EVENT_SOURCES.admin, type, time: new Date(options.now()).toISOString(),
      subject: consumerId, datacontenttype: 'application/json', dataschema: dataSchemaUrn(type), data,
    };
    await publishOrUnavailable(options.bus, TOPICS.consumers, [{ key: consumerId, value: JSON.stringify(event), headers: eventHeaders(type, String(request.id)) }]);
    request.log.info({ type, consumerId, eventId: event.id }, 'admin command accepted');
    return { consumerId, eventId: event.id };
  }

  app.post('/v1/admin/consumers', {
    onRequest: admin,
    schema: {
      ...common, summary: 'Create an API consumer', description: `Publishes ApiConsumerCreated. consumerId is generated when absent. ${NOTE}`,
      body: CreateApiConsumer, response: { 202: ConsumerCommandAccepted, ...PROBLEMS },
    },
  }, async (request, reply) => {
    const command = request.body as CreateApiConsumer;
    const consumerId = command.consumerId ?? randomUUID();
    const data: Record<string, unknown> = { consumerId, name: command.name, email: command.email, subject: command.subject, grants: command.grants ?? [] };
    if (command.expiresAt !== undefined) data.expiresAt = new Date(command.expiresAt).toISOString();
    return reply.code(202).send(await publish(request, 'ApiConsumerCreated', consumerId, data));
  });

  app.put('/v1/admin/consumers/:consumerId/grants', {
    onRequest: admin,
    schema: {
      ...common, summary: "Replace an API consumer's grants", description: `Publishes ApiConsumerGrantChanged with the complete new list of organization ids. ${NOTE}`,
      params: ConsumerIdParams, body: ChangeApiConsumerGrants, response: { 202: ConsumerCommandAccepted, ...PROBLEMS },
    },
  }, async (request, reply) => {
    const { consumerId } = request.params as { consumerId: string };
    const { grants } = request.body as { grants: string[] };
    return reply.code(202).send(await publish(request, 'ApiConsumerGrantChanged', consumerId, { consumerId, grants }));
  });

  app.post('/v1/admin/consumers/:consumerId/disable', {
    onRequest: admin,
    schema: {
      ...common, summary: 'Disable an API consumer', description: `Publishes ApiConsumerDisabled; its refresh tokens are revoked and it can no longer log in. ${NOTE}`,
      params: ConsumerIdParams, body: DisableApiConsumer, response: { 202: ConsumerCommandAccepted, ...PROBLEMS },
    },
  }, async (request, reply) => {
    const { consumerId } = request.params as { consumerId: string };
    const { reason } = (request.body ?? {}) as { reason?: string };
    return reply.code(202).send(await publish(request, 'ApiConsumerDisabled', consumerId, reason === undefined ? { consumerId } : { consumerId, reason }));
  });
}
