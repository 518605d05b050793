import Type from 'typebox';
import { DEVICE_STATUSES, VARIABLE_KINDS } from '@medido/contracts';
import { NextCursor } from './common.schema.ts';

const NullableString = (description: string) => Type.Union([Type.String(), Type.Null()], { description });

export const OrganizationItem = Type.Object(
  {
    organizationId: Type.String({ description: 'Organization identifier.' }),
    name: Type.String({ description: 'Display name.' }),
    visibility: Type.Enum(['public', 'private'] as const, {
      description: 'public: readable by every consumer; private: only with a grant.',
    }),
    accessible: Type.Boolean({
      description:
        "Whether this caller may read the organization's installations, devices and measurements: public, or private with a grant in the token.",
    }),
  },
  {
    $id: 'Organization',
    description: 'An organization (a customer of the platform) and whether the caller may read its data.',
  },
);

export const UnitItem = Type.Object(
  {
    unitId: Type.String({ description: 'Unit identifier.' }),
    name: Type.String({ description: 'Display name.' }),
  },
  { $id: 'Unit', description: 'A part of an installation: a floor, an apartment, a meter room.' },
);

export const InstallationItem = Type.Object(
  {
    installationId: Type.String({ description: 'Installation identifier.' }),
    organizationId: Type.String({ description: 'The organization it belongs to.' }),
    name: Type.String({ description: 'Display name.' }),
    timezone: Type.String({
      description:
        'IANA zone of its calendar buckets by default (America/Santiago when the installation declares none).',
    }),
    address: NullableString('Postal address, when known.'),
    units: Type.Array(UnitItem, { description: 'Its units, in id order.' }),
  },
  { $id: 'Installation', description: 'A site (a building, a plant) with its units.' },
);

export const VariableItem = Type.Object(
  {
    name: Type.String({ description: 'Register name, e.g. active_energy_import.' }),
    unit: Type.String({ description: 'Unit symbol, e.g. kWh.' }),
    kind: Type.Enum(VARIABLE_KINDS, {
      description:
        'cumulative: a register that grows and may reset (consumption = delta); instantaneous: a level (avg by default).',
    }),
    decimals: Type.Optional(
      Type.Integer({
        description:
          'Decimals of the register, when declared; measurements are rounded to them (a mean gets three more), to 6 when not declared.',
      }),
    ),
    readingIntervalSeconds: Type.Optional(
      Type.Integer({
        description:
          'Seconds between two readings of the register, when declared; measurements answer from it how many readings each bucket should hold (expected) and its coverage, null when not declared.',
      }),
    ),
  },
  { $id: 'Variable', description: 'A register a meter reports.' },
);

export const DeviceItem = Type.Object(
  {
    deviceId: Type.String({ description: 'Meter (device) identifier.' }),
    installationId: Type.String({ description: 'The installation it is in.' }),
    organizationId: Type.String({ description: 'The organization of its installation.' }),
    unitId: NullableString('The unit it measures, or null when it belongs to the installation as a whole.'),
    name: NullableString('Display name.'),
    model: NullableString('Meter model.'),
    status: Type.Enum(DEVICE_STATUSES, { description: 'Operational status of the meter.' }),
    lastSeenAt: NullableString('Time of its latest reading (UTC, ISO 8601), or null when none arrived yet.'),
    variables: Type.Array(VariableItem, { description: 'The registers it reports.' }),
  },
  { $id: 'Device', description: 'A meter.' },
);

export const OrganizationList = Type.Object(
  { organizations: Type.Array(OrganizationItem, { description: 'This page, in id order.' }), nextCursor: NextCursor },
  { $id: 'OrganizationPage', description: 'One page of organizations.' },
);
export const InstallationList = Type.Object(
  { installations: Type.Array(InstallationItem, { description: 'This page, in id order.' }), nextCursor: NextCursor },
  { $id: 'InstallationPage', description: 'One page of installations.' },
);
export const DeviceList = Type.Object(
  { devices: Type.Array(DeviceItem, { description: 'This page, in id order.' }), nextCursor: NextCursor },
  { $id: 'DevicePage', description: 'One page of meters.' },
);

export const Me = Type.Object(
  {
    consumerId: Type.String({ description: 'The API consumer (token subject).' }),
    clientId: Type.String({ description: 'The OAuth client the token was issued to.' }),
    role: Type.String({ description: 'Always api_consumer on this API.' }),
    scope: Type.String({ description: 'Space-separated scopes of the token (read).' }),
    grants: Type.Array(Type.String(), {
      description: 'Private organizations this consumer may read; public ones are readable by every consumer.',
    }),
    tokenExpiresAt: Type.String({ format: 'date-time', description: 'When the presented access token expires (UTC).' }),
  },
  { $id: 'Me', description: 'The caller, as its access token says.' },
);
