import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { DeliveryState, Subscription } from '@medido/catalog';
import type { CreateSubscription as CreateSubscriptionBody } from '@medido/contracts';
import {
  checkWebhookUrl,
  MedidoError,
  problemResponses,
  subscriptionSecret,
  WebhookUrlRefused,
} from '@medido/platform';
import { randomUUID } from 'node:crypto';
import { noteAccess } from '../../../access/access-note.ts';
import { callerOf } from '../../../auth/caller-hook.ts';
import { rejectUnknownMembers, rejectUnknownParameters } from '../../../http/unknown-parameters.ts';
import {
  AUTH_PROBLEMS,
  BEARER_SECURITY,
  IdParams,
  pageQuery,
  SCOPE_NOT_FOUND,
} from '../../../schemas/common.schema.ts';
import {
  CreateSubscription,
  SubscriptionAccepted,
  SubscriptionCommandAccepted,
  SubscriptionItem,
  SubscriptionList,
} from '../../../schemas/subscriptions.schema.ts';
import { publishSubscriptionEvent } from '../../../subscriptions/subscription-commands.ts';
import type { SubscriptionsOptions } from '../../../subscriptions/subscription-options.ts';
import { checkScope } from '../../../subscriptions/subscription-scope.ts';
import { catalogPage, nextCursor } from '../catalog-paging.ts';

const NOTE =
  'Answers 202 once the event is stored on the bus (503 EVENT_BUS_UNAVAILABLE with Retry-After otherwise); the change shows in GET once projected, usually within a second.';
const MAX_BODY_BYTES = 16 * 1024;

/** A subscription with where its deliveries stand (before the deliverer saw it: active, from its start). */
function itemOf(s: Subscription, state: DeliveryState | undefined) {
  return {
    subscriptionId: s.subscriptionId,
    installationId: s.installationId,
    unitId: s.unitId,
    deviceIds: s.deviceIds,
    variables: s.variables,
    types: s.types,
    webhookUrl: s.webhookUrl,
    createdAt: s.createdAt,
    delivery: {
      status: state?.status ?? 'active',
      deliveredCursor: state?.deliveredCursor ?? s.startAfter,
      attempts: state?.attempts ?? 0,
      lastError: state?.lastError ?? null,
      failingSince: state?.failingSince ?? null,
      lastAttemptAt: state?.lastAttemptAt ?? null,
      lastDeliveredAt: state?.lastDeliveredAt ?? null,
    },
  };
}

/**
 * Webhook subscriptions (CQRS: every change is a command published to the consumers topic and
 * projected into the catalog; the api keeps no state). A subscription is its consumer's only: any other
 * caller gets 404 SUBSCRIPTION_NOT_FOUND, as for one that does not exist.
 */
export default async function subscriptionRoutes(
  app: FastifyInstance,
  options: { subscriptions: SubscriptionsOptions },
) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const model = app.readModel;
  const opts = options.subscriptions;
  const now = opts.now ?? Date.now;
  const maxPerConsumer = opts.maxPerConsumer ?? 100;
  const common = { tags: ['subscriptions'], security: BEARER_SECURITY };

  async function ownSubscription(consumerId: string, id: string): Promise<Subscription> {
    const subscription = await model.catalog.getSubscription(id);
    if (!subscription || subscription.consumerId !== consumerId)
      throw new MedidoError('SUBSCRIPTION_NOT_FOUND', `no subscription ${id}`);
    return subscription;
  }

  api.post(
    '/subscriptions',
    {
      bodyLimit: MAX_BODY_BYTES,
      schema: {
        ...common,
        summary: 'Subscribe a webhook to changes',
        description:
          'Change events (measurements.available, bucket.changed, day.closed) of an installation, a unit or some meters are POSTed to `webhookUrl`, ' +
          'signed as Standard Webhooks says (see the webhooks section), in order, at least once, from the moment the subscription is accepted. ' +
          'Give exactly one of `installationId`, `unitId` and `deviceIds`; what the caller may not read answers 404, as what does not exist. ' +
          'The URL must be https and its host must resolve to public addresses only (loopback, private, link-local and metadata addresses are refused unless the operator allows them): 400 WEBHOOK_URL_REFUSED. ' +
          `The answer holds the signing secret, shown only there. ${NOTE}`,
        body: CreateSubscription,
        response: {
          202: SubscriptionAccepted,
          ...problemResponses([
            ...AUTH_PROBLEMS,
            'REQUEST_BODY_MALFORMED',
            'REQUEST_BODY_TOO_LARGE',
            'MEDIA_TYPE_UNSUPPORTED',
            'SUBSCRIPTION_SCOPE_INVALID',
            'WEBHOOK_URL_REFUSED',
            ...SCOPE_NOT_FOUND,
            'SUBSCRIPTION_LIMIT_REACHED',
            'EVENT_BUS_UNAVAILABLE',
          ]),
        },
      },
      preValidation: rejectUnknownMembers(Object.keys(CreateSubscription.properties)),
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const body = request.body as CreateSubscriptionBody;
      const scope = await checkScope(model, caller, body);
      try {
        await checkWebhookUrl(body.webhookUrl, opts.allowList, opts.resolve);
      } catch (error) {
        if (error instanceof WebhookUrlRefused) throw new MedidoError('WEBHOOK_URL_REFUSED', error.message);
        throw error;
      }
      const existing = await model.catalog.listSubscriptions(
        { consumerId: caller.consumerId },
        { limit: maxPerConsumer },
      );
      if (existing.items.length >= maxPerConsumer)
        throw new MedidoError('SUBSCRIPTION_LIMIT_REACHED', `at most ${maxPerConsumer} subscriptions per consumer`);
      const subscriptionId = randomUUID();
      const startAfter = await opts.changeLog.latestCursor();
      const eventId = await publishSubscriptionEvent(
        opts.commands,
        'SubscriptionCreated',
        {
          subscriptionId,
          consumerId: caller.consumerId,
          installationId: scope.installationId,
          ...(scope.unitId !== undefined && { unitId: scope.unitId }),
          ...(scope.deviceIds !== undefined && { deviceIds: scope.deviceIds }),
          ...(body.variables !== undefined && { variables: body.variables }),
          ...(body.types !== undefined && { types: body.types }),
          webhookUrl: body.webhookUrl,
          ...(startAfter !== null && { startAfter }),
        },
        String(request.id),
        now(),
      );
      noteAccess(request, {
        organizationIds: [scope.organizationId],
        installationIds: [scope.installationId],
        ...(scope.unitId && { unitId: scope.unitId }),
        deviceIds: scope.deviceIds ?? [],
        rows: 1,
      });
      reply.header('cache-control', 'no-store');
      request.log.info({ subscriptionId, eventId }, 'subscription accepted');
      return reply
        .code(202)
        .send({ subscriptionId, eventId, secret: subscriptionSecret(opts.signingKey, subscriptionId), startAfter });
    },
  );

  api.get(
    '/subscriptions',
    {
      schema: {
        ...common,
        summary: "The caller's webhook subscriptions",
        description: 'In id order, each with where its deliveries stand.',
        querystring: Type.Object({ ...pageQuery(model.limits.catalogPageDefault, model.limits.catalogPageMax) }),
        response: { 200: SubscriptionList, ...problemResponses([...AUTH_PROBLEMS, 'CURSOR_INVALID']) },
      },
      preValidation: rejectUnknownParameters(['limit', 'cursor']),
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const filter = { consumerId: caller.consumerId };
      const { page, fingerprint } = catalogPage(model, 'GET /v1/subscriptions', filter, request.query);
      const result = await model.catalog.listSubscriptions(filter, page);
      const states = await opts.deliveries.getDeliveryStates(result.items.map((s) => s.subscriptionId));
      noteAccess(request, {
        installationIds: [...new Set(result.items.map((s) => s.installationId))].sort(),
        rows: result.items.length,
      });
      reply.header('cache-control', 'no-store');
      return {
        subscriptions: result.items.map((s) => itemOf(s, states.get(s.subscriptionId))),
        nextCursor: nextCursor(model, fingerprint, result),
      };
    },
  );

  api.get(
    '/subscriptions/:id',
    {
      schema: {
        ...common,
        summary: 'One webhook subscription, with its delivery state',
        description:
          "Whether deliveries go on or the subscription is failing (and why), and the last change delivered. Another consumer's subscription answers 404, as one that does not exist.",
        params: IdParams('Subscription', 'as answered by POST /v1/subscriptions.'),
        response: { 200: SubscriptionItem, ...problemResponses([...AUTH_PROBLEMS, 'SUBSCRIPTION_NOT_FOUND']) },
      },
    },
    async (request, reply) => {
      const subscription = await ownSubscription(callerOf(request).consumerId, request.params.id);
      const states = await opts.deliveries.getDeliveryStates([subscription.subscriptionId]);
      noteAccess(request, { installationIds: [subscription.installationId], rows: 1 });
      reply.header('cache-control', 'no-store');
      return itemOf(subscription, states.get(subscription.subscriptionId));
    },
  );

  /** Delete and resume: a command on a subscription of the caller's own, 202 once the bus stored it. */
  const ON_OWN_SUBSCRIPTION = {
    params: IdParams('Subscription', 'as answered by POST /v1/subscriptions.'),
    response: {
      202: SubscriptionCommandAccepted,
      ...problemResponses([...AUTH_PROBLEMS, 'SUBSCRIPTION_NOT_FOUND', 'EVENT_BUS_UNAVAILABLE']),
    },
  };
  const commandOnOwnSubscription =
    (type: 'SubscriptionDeleted' | 'SubscriptionResumed') =>
    async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      const caller = callerOf(request);
      const subscription = await ownSubscription(caller.consumerId, request.params.id);
      const data = { subscriptionId: subscription.subscriptionId, consumerId: caller.consumerId };
      const eventId = await publishSubscriptionEvent(opts.commands, type, data, String(request.id), now());
      noteAccess(request, { installationIds: [subscription.installationId], rows: 1 });
      return reply.code(202).send({ subscriptionId: subscription.subscriptionId, eventId });
    };

  api.delete(
    '/subscriptions/:id',
    {
      schema: {
        ...common,
        summary: 'Delete a webhook subscription',
        description: `Publishes SubscriptionDeleted: no webhook is sent once it is projected (one already in flight may still arrive). ${NOTE}`,
        ...ON_OWN_SUBSCRIPTION,
      },
    },
    commandOnOwnSubscription('SubscriptionDeleted'),
  );

  api.post(
    '/subscriptions/:id/resume',
    {
      schema: {
        ...common,
        summary: 'Resume a failing webhook subscription',
        description: `Publishes SubscriptionResumed: a failing subscription becomes active and the change it stopped at is sent again, then the rest in order. Harmless on an active one. ${NOTE}`,
        ...ON_OWN_SUBSCRIPTION,
      },
    },
    commandOnOwnSubscription('SubscriptionResumed'),
  );
}
