import Type from 'typebox';
import { DeviceId, InstallationId, OrganizationId, TimeZoneName, UnitId, VariableName } from './ids.ts';

const Name = Type.String({ minLength: 1, maxLength: 200, description: 'Display name.' });
const Address = Type.String({ maxLength: 300, description: 'Postal address.' });
const Model = Type.String({ maxLength: 200, description: 'Meter model.' });
export const Visibility = Type.Union([Type.Literal('public'), Type.Literal('private')], {
  description: 'public: every API consumer may read it; private: only consumers granted the organization.',
});
export type Visibility = Type.Static<typeof Visibility>;

export const VARIABLE_KINDS = ['cumulative', 'instantaneous'] as const;
// Literal unions are spelled out (not mapped from the tuples) so TypeBox infers them, not `never`.
export const VariableKind = Type.Union([Type.Literal('cumulative'), Type.Literal('instantaneous')], {
  description:
    'cumulative: a register that only grows (energy, volume) and may reset to zero; instantaneous: a level (power, voltage).',
});
export type VariableKind = (typeof VARIABLE_KINDS)[number];

export const VariableDefinition = Type.Object(
  {
    name: VariableName,
    unit: Type.String({ minLength: 1, maxLength: 32, description: 'Unit symbol, e.g. kWh, kW, V, m3.' }),
    kind: VariableKind,
    // Optional so that events written before it stay valid; a DeviceUpdated with `variables` declares it later.
    decimals: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 9,
        description:
          'Decimals of the register (3 for a kWh register with watt-hour resolution). Aggregates are answered rounded to them, without binary noise; 6 when not declared.',
      }),
    ),
    // Optional like decimals: events written before it stay valid and mean "unknown" (no coverage is answered).
    readingIntervalSeconds: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 86_400,
        description:
          'Seconds between two readings of this register (900 for a 15-minute load profile). Buckets answer how many readings it implies (expected) and their coverage; unknown when not declared.',
      }),
    ),
  },
  { additionalProperties: false, description: 'A register a meter reports.' },
);
export type VariableDefinition = Type.Static<typeof VariableDefinition>;

export const DEVICE_STATUSES = ['active', 'inactive', 'offline', 'maintenance', 'decommissioned'] as const;
export const DeviceStatus = Type.Union(
  [
    Type.Literal('active'),
    Type.Literal('inactive'),
    Type.Literal('offline'),
    Type.Literal('maintenance'),
    Type.Literal('decommissioned'),
  ],
  { description: 'Operational status of the meter.' },
);
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

const strict = { additionalProperties: false } as const;

/** Data schemas of the catalog events, by event type. Keys are the CloudEvents `type`. */
export const CatalogEventData = {
  OrganizationRegistered: Type.Object({ organizationId: OrganizationId, name: Name, visibility: Visibility }, strict),
  OrganizationRenamed: Type.Object({ organizationId: OrganizationId, name: Name }, strict),
  OrganizationVisibilityChanged: Type.Object({ organizationId: OrganizationId, visibility: Visibility }, strict),
  InstallationRegistered: Type.Object(
    {
      installationId: InstallationId,
      organizationId: OrganizationId,
      name: Name,
      timezone: Type.Optional(TimeZoneName),
      address: Type.Optional(Address),
    },
    strict,
  ),
  InstallationUpdated: Type.Object(
    {
      installationId: InstallationId,
      name: Type.Optional(Name),
      timezone: Type.Optional(TimeZoneName),
      address: Type.Optional(Address),
    },
    strict,
  ),
  InstallationRemoved: Type.Object({ installationId: InstallationId }, strict),
  UnitAdded: Type.Object({ unitId: UnitId, installationId: InstallationId, name: Name }, strict),
  UnitRenamed: Type.Object({ unitId: UnitId, installationId: InstallationId, name: Name }, strict),
  UnitRemoved: Type.Object({ unitId: UnitId, installationId: InstallationId }, strict),
  DeviceRegistered: Type.Object(
    {
      deviceId: DeviceId,
      installationId: InstallationId,
      unitId: Type.Optional(UnitId),
      name: Type.Optional(Name),
      model: Type.Optional(Model),
      variables: Type.Array(VariableDefinition, {
        minItems: 1,
        maxItems: 200,
        description: 'The registers it reports.',
      }),
    },
    strict,
  ),
  DeviceUpdated: Type.Object(
    {
      deviceId: DeviceId,
      name: Type.Optional(Name),
      model: Type.Optional(Model),
      variables: Type.Optional(
        Type.Array(VariableDefinition, {
          minItems: 1,
          maxItems: 200,
          description: 'Replaces the registers it reports.',
        }),
      ),
    },
    strict,
  ),
  DeviceMoved: Type.Object(
    { deviceId: DeviceId, installationId: InstallationId, unitId: Type.Optional(UnitId) },
    strict,
  ),
  DeviceRemoved: Type.Object({ deviceId: DeviceId }, strict),
  DeviceStatusChanged: Type.Object({ deviceId: DeviceId, status: DeviceStatus }, strict),
} as const;

export type CatalogEventType = keyof typeof CatalogEventData;
export const CATALOG_EVENT_TYPES = Object.keys(CatalogEventData) as CatalogEventType[];

/** The Kafka key (and CloudEvents subject) of a catalog event: its aggregate's id. Units live in their installation. */
export function catalogAggregateId(type: CatalogEventType, data: Record<string, unknown>): string {
  if (type.startsWith('Organization')) return String(data.organizationId);
  if (type.startsWith('Installation') || type.startsWith('Unit')) return String(data.installationId);
  return String(data.deviceId);
}
