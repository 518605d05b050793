import Type from 'typebox';
import { DEVICE_STATUSES, VARIABLE_KINDS } from '@medido/contracts';
import { NextCursor } from './common.schema.ts';

const NullableString = (description: string) => Type.Union([Type.String(), Type.Null()], { description });

export const OrganizationItem = Type.Object({
  organizationId: Type.String(),
  name: Type.String(),
  visibility: Type.Enum(['public', 'private'] as const),
  accessible: Type.Boolean({ description: 'Whether this caller may read the organization\'s installations, devices and measurements: public, or private with a grant in the token.' }),
});

export const UnitItem = Type.Object({ unitId: Type.String(), name: Type.String() });

export const InstallationItem = Type.Object({
  installationId: Type.String(),
  organizationId: Type.String(),
  name: Type.String(),
  timezone: Type.String({ description: 'IANA zone of its calendar buckets by default (America/Santiago when the installation declares none).' }),
  address: NullableString('Postal address, when known.'),
  units: Type.Array(UnitItem),
});

export const VariableItem = Type.Object({
  name: Type.String({ description: 'Register name, e.g. active_energy_import.' }),
  unit: Type.String({ description: 'Unit symbol, e.g. kWh.' }),
  kind: Type.Enum(VARIABLE_KINDS, { description: 'cumulative: a register that grows and may reset (consumption = delta); instantaneous: a level (avg by default).' }),
  decimals: Type.Optional(Type.Integer({ description: 'Decimals of the register, when declared; measurements are rounded to them (a mean gets three more), to 6 when not declared.' })),
});

export const DeviceItem = Type.Object({
  deviceId: Type.String(),
  installationId: Type.String(),
  organizationId: Type.String(),
  unitId: NullableString('The unit it measures, or null when it belongs to the installation as a whole.'),
  name: NullableString('Display name.'),
  model: NullableString('Meter model.'),
  status: Type.Enum(DEVICE_STATUSES),
  lastSeenAt: NullableString('Time of its latest reading (UTC, ISO 8601), or null when none arrived yet.'),
  variables: Type.Array(VariableItem),
});

export const OrganizationList = Type.Object({ organizations: Type.Array(OrganizationItem), nextCursor: NextCursor });
export const InstallationList = Type.Object({ installations: Type.Array(InstallationItem), nextCursor: NextCursor });
export const DeviceList = Type.Object({ devices: Type.Array(DeviceItem), nextCursor: NextCursor });

export const Me = Type.Object({
  consumerId: Type.String({ description: 'The API consumer (token subject).' }),
  clientId: Type.String(),
  role: Type.String({ description: 'Always api_consumer on this API.' }),
  scope: Type.String(),
  grants: Type.Array(Type.String(), { description: 'Private organizations this consumer may read; public ones are readable by every consumer.' }),
  tokenExpiresAt: Type.String({ description: 'When the presented access token expires (UTC).' }),
});
