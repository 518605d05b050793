import Type from 'typebox';
import { ConsumerId, OrganizationId } from './ids.ts';

const strict = { additionalProperties: false } as const;

/**
 * Text an admin types that other people's terminals and pages print: C0/C1 control characters (a
 * terminal escape in a name rewrites the screen of whoever runs `consumers list`), line and paragraph
 * separators and bidirectional overrides (text that reads differently than it is) are refused.
 * Commands only: events already stored keep their schema (a stricter v1 would dead-letter them).
 * @see https://www.unicode.org/reports/tr9/#Explicit_Directional_Overrides
 */
const PRINTABLE = '^[^\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]*$';
export const PrintableText = (options: { minLength?: number; maxLength: number; description: string }) =>
  Type.String({
    ...options,
    pattern: PRINTABLE,
    description: `${options.description} No control characters, line separators or bidirectional overrides.`,
  });
/** Organization ids whose private data the consumer may read. Public organizations need no grant. */
export const Grants = Type.Array(OrganizationId, {
  maxItems: 1000,
  uniqueItems: true,
  description: 'Private organizations whose data the consumer may read; public ones need no grant.',
});

export const ConsumerEventData = {
  ApiConsumerCreated: Type.Object(
    {
      consumerId: ConsumerId,
      name: Type.String({ minLength: 1, maxLength: 200 }),
      email: Type.String({ format: 'email', maxLength: 254 }),
      /** The identity provider's `sub` for this person; login maps it to this consumer. */
      subject: Type.String({ minLength: 1, maxLength: 255 }),
      grants: Grants,
      expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
    },
    strict,
  ),
  ApiConsumerGrantChanged: Type.Object({ consumerId: ConsumerId, grants: Grants }, strict),
  ApiConsumerDisabled: Type.Object(
    { consumerId: ConsumerId, reason: Type.Optional(Type.String({ maxLength: 500 })) },
    strict,
  ),
  /** v1. Undoes a disable: the newest of a consumer's disable and enable events decides its status. */
  ApiConsumerEnabled: Type.Object({ consumerId: ConsumerId }, strict),
} as const;

export type ConsumerEventType = keyof typeof ConsumerEventData;
export const CONSUMER_EVENT_TYPES = Object.keys(ConsumerEventData) as ConsumerEventType[];

/** Admin commands (imperative), as the ingestor's admin endpoints and the CLI accept them. */
export const CreateApiConsumer = Type.Object(
  {
    consumerId: Type.Optional(ConsumerId),
    name: PrintableText({ minLength: 1, maxLength: 200, description: 'Who the consumer is, as admins read it.' }),
    email: Type.String({ format: 'email', maxLength: 254, description: 'Contact address of the consumer.' }),
    subject: PrintableText({
      minLength: 1,
      maxLength: 255,
      description: "The identity provider's `sub`; one consumer per subject.",
    }),
    grants: Type.Optional(Grants),
    expiresAt: Type.Optional(
      Type.String({ format: 'date-time', description: 'When access ends; absent: it does not expire.' }),
    ),
  },
  { ...strict, $id: 'CreateApiConsumer', description: 'Creates an API consumer.' },
);
export type CreateApiConsumer = Type.Static<typeof CreateApiConsumer>;
export const ChangeApiConsumerGrants = Type.Object(
  { grants: Grants },
  { ...strict, $id: 'ChangeApiConsumerGrants', description: 'Replaces the grants of a consumer.' },
);
export const DisableApiConsumer = Type.Object(
  { reason: Type.Optional(PrintableText({ maxLength: 500, description: 'Why access ends.' })) },
  { ...strict, $id: 'DisableApiConsumer', description: 'Ends the access of a consumer.' },
);
export const EnableApiConsumer = Type.Object(
  {},
  { ...strict, $id: 'EnableApiConsumer', description: 'Gives a disabled consumer access again.' },
);
