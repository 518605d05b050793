import Type from 'typebox';
import { ConsumerId, DeviceId, InstallationId, OrganizationId, UnitId } from './ids.ts';

const strict = { additionalProperties: false } as const;
const Instant = Type.String({ format: 'date-time' });

/**
 * Access events: who read what through the read API. Household metering data is personal data, so
 * every answered read of an API consumer becomes one record (accountability, GDPR Art. 5(2) and 30;
 * Chile's Ley 21.719). Facts, never updated: an access record is only ever appended.
 */
export const AccessEventData = {
  ApiReadAnswered: Type.Object(
    {
      consumerId: ConsumerId,
      /** The OAuth client the token was issued to. */
      clientId: Type.String({ minLength: 1, maxLength: 255 }),
      method: Type.String({ minLength: 1, maxLength: 16 }),
      /** The route pattern, e.g. /v1/measurements: what dashboards group by. */
      route: Type.String({ minLength: 1, maxLength: 256 }),
      /** The request's path and query string as sent (no credential ever travels there), truncated. */
      url: Type.String({ maxLength: 2048 }),
      status: Type.Integer({ minimum: 100, maximum: 599 }),
      requestId: Type.String({ minLength: 1, maxLength: 128 }),
      /** The organizations whose data the answer holds (several for a list); empty when it holds none. */
      organizationIds: Type.Array(OrganizationId, { maxItems: 10_000 }),
      installationIds: Type.Array(InstallationId, { maxItems: 10_000 }),
      unitId: Type.Optional(UnitId),
      /** The meters whose data (measurements, or their catalog entry) the answer holds. */
      deviceIds: Type.Array(DeviceId, { maxItems: 100_000 }),
      /** The measurements window, [from, to). */
      from: Type.Optional(Instant),
      to: Type.Optional(Instant),
      /** Points (measurements) or items (lists) in the answer; 1 for one resource; 0 for an error. */
      rows: Type.Integer({ minimum: 0 }),
      answeredAt: Instant,
    },
    strict,
  ),
} as const;

export type AccessEventType = keyof typeof AccessEventData;
export const ACCESS_EVENT_TYPES = Object.keys(AccessEventData) as AccessEventType[];
export type ApiReadAnsweredData = Type.Static<(typeof AccessEventData)['ApiReadAnswered']>;
