import Type from 'typebox';
import { CreateSubscription } from '@medido/contracts';
import { NextCursor } from './common.schema.ts';

const Nullable = <T extends Type.TSchema>(schema: T, description: string) =>
  Type.Union([schema, Type.Null()], { description });
const NullableInstant = (description: string) => Nullable(Type.String({ format: 'date-time' }), description);

export { CreateSubscription };

export const SubscriptionDelivery = Type.Object(
  {
    status: Type.Enum(['active', 'failing'] as const, {
      description:
        'active: deliveries go on (retrying with backoff after a failure); failing: the receiver failed too many times in a row and nothing is sent until POST /v1/subscriptions/{id}/resume.',
    }),
    deliveredCursor: Nullable(
      Type.String(),
      'The change-feed cursor of the last change the receiver acknowledged with a 2xx (or skipped as outside the scope); null before the first.',
    ),
    attempts: Type.Integer({
      minimum: 0,
      description: 'Failed attempts in a row at the current change (0 after a success or a resume).',
    }),
    lastError: Nullable(
      Type.String(),
      'Why the last attempt failed (a status and the start of the answer, a timeout, a refused URL); null after a success.',
    ),
    failingSince: NullableInstant('When the subscription became failing; null while active.'),
    lastAttemptAt: NullableInstant('When the last delivery was attempted.'),
    lastDeliveredAt: NullableInstant('When the receiver last acknowledged a webhook.'),
  },
  { $id: 'SubscriptionDelivery', description: 'Where the deliveries of a subscription stand.' },
);

export const SubscriptionItem = Type.Object(
  {
    subscriptionId: Type.String({ description: 'Subscription identifier.' }),
    installationId: Type.String({ description: 'The installation subscribed to (for a unit or meters, theirs).' }),
    unitId: Nullable(Type.String(), 'The unit subscribed to, or null.'),
    deviceIds: Nullable(
      Type.Array(Type.String(), { description: 'A meter identifier.' }),
      'The meters subscribed to, or null for the whole installation or unit.',
    ),
    variables: Nullable(
      Type.Array(Type.String(), { description: 'A variable name.' }),
      'Only changes about these variables; null for every variable.',
    ),
    types: Nullable(
      Type.Array(Type.String(), { description: 'A change event type.' }),
      'Only these change event types; null for every type.',
    ),
    webhookUrl: Type.String({ description: 'Where the change events are POSTed.' }),
    createdAt: Type.String({ format: 'date-time', description: 'When the subscription was accepted.' }),
    delivery: SubscriptionDelivery,
  },
  { $id: 'Subscription', description: 'A webhook subscription of the caller, with where its deliveries stand.' },
);

export const SubscriptionList = Type.Object(
  {
    subscriptions: Type.Array(SubscriptionItem, { description: "The caller's subscriptions, in id order." }),
    nextCursor: NextCursor,
  },
  { $id: 'SubscriptionList', description: "A page of the caller's webhook subscriptions." },
);

export const SubscriptionAccepted = Type.Object(
  {
    subscriptionId: Type.String({ description: "The new subscription's identifier." }),
    eventId: Type.String({ description: 'Id of the SubscriptionCreated event published.' }),
    secret: Type.String({
      description:
        "The signing secret (Standard Webhooks, `whsec_` + base64): verify every webhook's `webhook-signature` with it. Shown only in this answer: keep it.",
    }),
    startAfter: Nullable(
      Type.String(),
      'The change-feed cursor the deliveries start after (changes of before the subscription are not sent); null: from the first change.',
    ),
  },
  {
    $id: 'SubscriptionAccepted',
    description:
      'The subscription was accepted; it shows in GET /v1/subscriptions once projected (usually within a second).',
  },
);

export const SubscriptionCommandAccepted = Type.Object(
  {
    subscriptionId: Type.String({ description: 'The subscription the command is about.' }),
    eventId: Type.String({ description: 'Id of the event published.' }),
  },
  { $id: 'SubscriptionCommandAccepted', description: 'The command was accepted; it takes effect once projected.' },
);
