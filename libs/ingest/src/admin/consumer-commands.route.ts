import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  ChangeApiConsumerGrants,
  CreateApiConsumer,
  DisableApiConsumer,
  EnableApiConsumer,
  EVENT_SOURCES,
  TOPICS,
  dataSchemaUrn,
  type ConsumerEvent,
} from '@medido/contracts';
import type { EventBus } from '@medido/event-bus';
import type { Credentials } from '../credentials/credentials.ts';
import { ConsumerCommandAccepted, ConsumerIdParams } from '../ingest.schema.ts';
import { eventHeaders } from '../measurements/measurement-events.ts';
import { publishOrUnavailable } from '../publish-or-unavailable.ts';
import { decideCreation, requireRecorded } from './consumer-creation.ts';
import type { ConsumerRegistry } from './registry/consumer-registry.port.ts';
import { problemResponses } from '@medido/platform';

export interface ConsumerCommandsOptions {
  bus: EventBus;
  credentials: Credentials;
  registry: ConsumerRegistry;
  now: () => number;
}

const PROBLEMS = problemResponses([
  'REQUEST_INVALID',
  'REQUEST_BODY_MALFORMED',
  'AUTH_TOKEN_MISSING',
  'AUTH_CREDENTIAL_INVALID',
  'AUTH_FORBIDDEN',
  'MEDIA_TYPE_UNSUPPORTED',
  'EVENT_BUS_UNAVAILABLE',
]);
const ON_EXISTING = { ...PROBLEMS, ...problemResponses(['CONSUMER_NOT_FOUND']) };
const NOTE = 'Answers 202 once the event is stored; the change shows in the read model when the projector applied it.';

/**
 * Admin commands (imperative, validated whole) → consumer events (past tense) on the consumers topic.
 * Each is decided against the command side's registry, never the lagging read model (README § Admin commands).
 */
export async function consumerCommandsRoute(app: FastifyInstance, options: ConsumerCommandsOptions): Promise<void> {
  const admin = options.credentials.require('admin');
  const common = { tags: ['admin'], security: [{ adminCredential: [] }] };
  const { registry } = options;

  function eventOf(type: ConsumerEvent['type'], consumerId: string, data: Record<string, unknown>): string {
    return JSON.stringify({
      specversion: '1.0',
      id: randomUUID(),
      source: EVENT_SOURCES.admin,
      type,
      time: new Date(options.now()).toISOString(),
      subject: consumerId,
      datacontenttype: 'application/json',
      dataschema: dataSchemaUrn(type),
      data,
    });
  }

  async function publish(request: FastifyRequest, consumerId: string, value: string) {
    const { id, type } = JSON.parse(value) as { id: string; type: ConsumerEvent['type'] };
    await publishOrUnavailable(options.bus, TOPICS.consumers, [
      { key: consumerId, value, headers: eventHeaders(type, String(request.id)) },
    ]);
    request.log.info({ type, consumerId, eventId: id }, 'admin command accepted');
    return { consumerId, eventId: id };
  }

  async function onExisting(
    request: FastifyRequest,
    type: ConsumerEvent['type'],
    consumerId: string,
    data: Record<string, unknown>,
  ) {
    await requireRecorded(registry, consumerId);
    return publish(request, consumerId, eventOf(type, consumerId, { consumerId, ...data }));
  }

  app.post(
    '/v1/admin/consumers',
    {
      onRequest: admin,
      schema: {
        ...common,
        summary: 'Create an API consumer',
        description:
          'Publishes ApiConsumerCreated. consumerId is generated when absent. A consumer id and an identity provider subject ' +
          'are taken once: 409 CONSUMER_ALREADY_EXISTS or CONSUMER_SUBJECT_TAKEN otherwise. The very same command again is answered ' +
          `like the first time (same consumerId and eventId, nothing changes): safe to retry. ${NOTE}`,
        body: CreateApiConsumer,
        response: {
          202: ConsumerCommandAccepted,
          ...PROBLEMS,
          ...problemResponses(['CONSUMER_ALREADY_EXISTS', 'CONSUMER_SUBJECT_TAKEN']),
        },
      },
    },
    async (request, reply) => {
      const command = request.body as CreateApiConsumer;
      const creation = await decideCreation(registry, command, (consumerId) => {
        const data: Record<string, unknown> = {
          consumerId,
          name: command.name,
          email: command.email,
          subject: command.subject,
          grants: command.grants ?? [],
        };
        if (command.expiresAt !== undefined) data.expiresAt = new Date(command.expiresAt).toISOString();
        return eventOf('ApiConsumerCreated', consumerId, data);
      });
      return reply.code(202).send(await publish(request, creation.consumerId, creation.event));
    },
  );

  app.put(
    '/v1/admin/consumers/:consumerId/grants',
    {
      onRequest: admin,
      schema: {
        ...common,
        summary: "Replace an API consumer's grants",
        description: `Publishes ApiConsumerGrantChanged with the complete new list of organization ids. ${NOTE}`,
        params: ConsumerIdParams,
        body: ChangeApiConsumerGrants,
        response: { 202: ConsumerCommandAccepted, ...ON_EXISTING },
      },
    },
    async (request, reply) => {
      const { consumerId } = request.params as { consumerId: string };
      const { grants } = request.body as { grants: string[] };
      return reply.code(202).send(await onExisting(request, 'ApiConsumerGrantChanged', consumerId, { grants }));
    },
  );

  app.post(
    '/v1/admin/consumers/:consumerId/disable',
    {
      onRequest: admin,
      schema: {
        ...common,
        summary: 'Disable an API consumer',
        description: `Publishes ApiConsumerDisabled; its refresh tokens are revoked and it can no longer log in. ${NOTE}`,
        params: ConsumerIdParams,
        body: DisableApiConsumer,
        response: { 202: ConsumerCommandAccepted, ...ON_EXISTING },
      },
    },
    async (request, reply) => {
      const { consumerId } = request.params as { consumerId: string };
      const { reason } = (request.body ?? {}) as { reason?: string };
      return reply
        .code(202)
        .send(await onExisting(request, 'ApiConsumerDisabled', consumerId, reason === undefined ? {} : { reason }));
    },
  );

  app.post(
    '/v1/admin/consumers/:consumerId/enable',
    {
      onRequest: admin,
      schema: {
        ...common,
        summary: 'Enable an API consumer again',
        description:
          'Publishes ApiConsumerEnabled: the consumer may log in again (tokens revoked by the disable stay revoked). ' +
          `The newest of a consumer's disable and enable decides. ${NOTE}`,
        params: ConsumerIdParams,
        body: EnableApiConsumer,
        response: { 202: ConsumerCommandAccepted, ...ON_EXISTING },
      },
    },
    async (request, reply) => {
      const { consumerId } = request.params as { consumerId: string };
      return reply.code(202).send(await onExisting(request, 'ApiConsumerEnabled', consumerId, {}));
    },
  );
}
