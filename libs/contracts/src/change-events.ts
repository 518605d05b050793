import Type from 'typebox';
import { DeviceId, InstallationId, OrganizationId, TimeZoneName, UnitId, VariableName } from './ids.ts';

const strict = { additionalProperties: false } as const;
const Instant = (description: string) => Type.String({ format: 'date-time', description });

/**
 * Change events: what the notifier tells consumers about measurements they may have read, as webhooks
 * (Standard Webhooks), the change feed (`GET /v1/changes`) and Server-Sent Events (`GET /v1/stream`).
 * Each one carries the exact series and window [from, to) to re-query, so a consumer never has to
 * guess what to fetch again. Derived from the topics by the notifier; never sent by pipelines.
 */
export const ChangeEventData = {
  /** New readings of one meter were stored: re-query [from, to) for these variables. */
  'measurements.available': Type.Object(
    {
      deviceId: DeviceId,
      variables: Type.Array(VariableName, { minItems: 1, maxItems: 1000, description: 'Variables with new readings.' }),
      from: Instant('Earliest new reading (inclusive).'),
      to: Instant('Just after the latest new reading (exclusive).'),
      readings: Type.Integer({ minimum: 1, description: 'Readings in this notification.' }),
    },
    { ...strict, description: 'New readings of one meter are readable.' },
  ),
  /** Late or re-sent readings changed buckets of a day that was already closed. */
  'bucket.changed': Type.Object(
    {
      deviceId: DeviceId,
      variables: Type.Array(VariableName, {
        minItems: 1,
        maxItems: 1000,
        description: 'Variables whose buckets changed.',
      }),
      from: Instant('Start of the changed window (inclusive), a bucket boundary.'),
      to: Instant('End of the changed window (exclusive), a bucket boundary.'),
      reason: Type.Union([Type.Literal('late'), Type.Literal('resent')], {
        description:
          '`late`: readings older than ones already delivered arrived; `resent`: readings of an instant already stored arrived again (a correction).',
      }),
    },
    { ...strict, description: 'Already delivered buckets changed.' },
  ),
  /** Every meter of an installation has readings through the end of a local day. */
  'day.closed': Type.Object(
    {
      day: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'The local calendar day, YYYY-MM-DD.' }),
      timezone: TimeZoneName,
      from: Instant('Start of the local day (inclusive).'),
      to: Instant('End of the local day (exclusive); 23 or 25 hours after `from` on DST days.'),
      deviceIds: Type.Array(DeviceId, {
        maxItems: 100_000,
        description: "The installation's meters, all of which have readings through `to`.",
      }),
    },
    { ...strict, description: 'A local day of an installation is complete.' },
  ),
} as const;

export type ChangeEventType = keyof typeof ChangeEventData;
export const CHANGE_EVENT_TYPES = Object.keys(ChangeEventData) as ChangeEventType[];
export type ChangeEventDataOf<T extends ChangeEventType> = Type.Static<(typeof ChangeEventData)[T]>;

/** One change as consumers receive it (feed item, SSE `data`, and the `data` of a webhook). */
export const ChangeEvent = Type.Object(
  {
    id: Type.String({
      minLength: 1,
      maxLength: 128,
      description: 'Stable event id: the same change always has the same id (the webhook-id; deduplicate on it).',
    }),
    cursor: Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'Position in the change feed; pass it as `after` (or Last-Event-ID) to resume after this event.',
    }),
    // Spelled out as tuples: a Union over a mapped array has the static type never.
    type: Type.Union(
      [Type.Literal('measurements.available'), Type.Literal('bucket.changed'), Type.Literal('day.closed')],
      { description: 'measurements.available, bucket.changed or day.closed.' },
    ),
    occurredAt: Instant('When the notifier derived the change.'),
    organizationId: OrganizationId,
    installationId: InstallationId,
    unitId: Type.Optional(UnitId),
    data: Type.Union(
      [ChangeEventData['measurements.available'], ChangeEventData['bucket.changed'], ChangeEventData['day.closed']],
      { description: 'The change; its shape follows `type`.' },
    ),
  },
  { ...strict, $id: 'ChangeEvent', description: 'A change to measurements a consumer may read.' },
);
export type ChangeEvent = Type.Static<typeof ChangeEvent>;
