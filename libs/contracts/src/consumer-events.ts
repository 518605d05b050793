import Type from 'typebox';
import { ConsumerId, OrganizationId } from './ids.ts';

const strict = { additionalProperties: false } as const;
/** Organization ids whose private data the consumer may read. Public organizations need no grant. */
export const Grants = Type.Array(OrganizationId, { maxItems: 1000, uniqueItems: true });

export const ConsumerEventData = {
  ApiConsumerCreated: Type.Object({
    consumerId: ConsumerId,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.String({ format: 'email', maxLength: 254 }),
    /** The identity provider's `sub` for this person; login maps it to this consumer. */
    subject: Type.String({ minLength: 1, maxLength: 255 }),
    grants: Grants,
    expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
  }, strict),
  ApiConsumerGrantChanged: Type.Object({ consumerId: ConsumerId, grants: Grants }, strict),
  ApiConsumerDisabled: Type.Object({ consumerId: ConsumerId, reason: Type.Optional(Type.String({ maxLength: 500 })) }, strict),
} as const;

export type ConsumerEventType = keyof typeof ConsumerEventData;
export const CONSUMER_EVENT_TYPES = Object.keys(ConsumerEventData) as ConsumerEventType[];

/** Admin commands (imperative), as the ingestor's admin endpoints and the CLI accept them. */
export const CreateApiConsumer = Type.Object({
  consumerId: Type.Optional(ConsumerId),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  email: Type.String({ format: 'email', maxLength: 254 }),
  subject: Type.String({ minLength: 1, maxLength: 255 }),
  grants: Type.Optional(Grants),
  expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
}, strict);
export type CreateApiConsumer = Type.Static<typeof CreateApiConsumer>;
export const ChangeApiConsumerGrants = Type.Object({ grants: Grants }, strict);
export const DisableApiConsumer = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }, strict);
