import type { VariableDefinition, VariableKind, Visibility } from '@medido/contracts';
import type { ApiConsumer, Device, Installation, Organization } from '../catalog-store.port.ts';
import { event, minute, statusChanged, type TestEvent } from './catalog-events.fixture.ts';

export const variable = (name: string, unit: string, kind: VariableKind): VariableDefinition => ({ name, unit, kind });
export const energy = variable('active_energy_import', 'kWh', 'cumulative');
const power = variable('active_power', 'kW', 'instantaneous');
const voltage = variable('voltage_l1', 'V', 'instantaneous');
const water = variable('water_volume', 'm3', 'cumulative');
export const gas = variable('gas_volume', 'm3', 'cumulative');

/**
 * The smallest catalogs, for specs about what happens on top of one (reads, changes, webhooks): an
 * organization (at minute 1), an installation of it (minute 2, UTC unless told) and its meters (minute
 * 3), named after their ids. Spread them into a list: `[organization(…), ...meteredInstallation(…)]`.
 */
export const organization = (organizationId: string, visibility: Visibility) =>
  event('OrganizationRegistered', { organizationId, name: organizationId, visibility }, 1);

export const installation = (installationId: string, organizationId: string, timezone = 'UTC') =>
  event('InstallationRegistered', { installationId, organizationId, name: installationId, timezone }, 2);

export const meteredInstallation = (
  installationId: string,
  organizationId: string,
  deviceIds: string[],
  variables: VariableDefinition[] = [energy],
): TestEvent[] => [
  installation(installationId, organizationId),
  ...deviceIds.map((deviceId, i) => event('DeviceRegistered', { deviceId, installationId, variables }, 3, i)),
];

/** A meter registered in a unit of an installation, with its variables, at minute `at`. */
export const deviceInUnit = (
  deviceId: string,
  installationId: string,
  unitId: string,
  variables: VariableDefinition[],
  at: number,
  sequence?: number,
) => event('DeviceRegistered', { deviceId, installationId, unitId, variables }, at, sequence);

/** An API consumer (minute 4) with `grants`; its subject and e-mail derive from its id. */
export const apiConsumer = (consumerId: string, grants: string[]) =>
  event(
    'ApiConsumerCreated',
    { consumerId, name: consumerId, email: `${consumerId}@example.com`, subject: `sub-${consumerId}`, grants },
    4,
  );

/**
 * A realistic catalog history, in version order: organizations renamed and made private, units added,
 * renamed and removed, an installation removed and registered again, devices updated, moved, removed
 * and registered again, a device of an installation that never arrives, consumers changed and disabled.
 */
export const HISTORY: TestEvent[] = [
  event(
    'OrganizationRegistered',
    { organizationId: 'org-1', name: 'Municipalidad de Providencia', visibility: 'public' },
    1,
  ),
  event(
    'ApiConsumerCreated',
    { consumerId: 'c-1', name: 'Ana Rojas', email: 'ana@example.cl', subject: 'sub-ana', grants: ['org-2'] },
    1,
    1,
  ),
  event('OrganizationRegistered', { organizationId: 'org-2', name: 'Clínica Norte', visibility: 'private' }, 2),
  event(
    'ApiConsumerCreated',
    {
      consumerId: 'c-2',
      name: 'Bruno Díaz',
      email: 'bruno@example.cl',
      subject: 'sub-bruno',
      grants: ['org-2'],
      expiresAt: '2027-01-01T00:00:00-03:00',
    },
    2,
    1,
  ),
  event('OrganizationRegistered', { organizationId: 'org-3', name: 'Aguas Andinas', visibility: 'public' }, 3),
  event(
    'InstallationRegistered',
    { installationId: 'inst-1', organizationId: 'org-1', name: 'Edificio Consistorial', timezone: 'America/Santiago' },
    4,
  ),
  event('UnitAdded', { unitId: 'unit-a', installationId: 'inst-1', name: 'Piso 1' }, 5, 0),
  event('UnitAdded', { unitId: 'unit-b', installationId: 'inst-1', name: 'Piso 2' }, 5, 1),
  event('UnitAdded', { unitId: 'unit-c', installationId: 'inst-1', name: 'Sala de bombas' }, 5, 2),
  event('InstallationRegistered', { installationId: 'inst-2', organizationId: 'org-2', name: 'Torre Médica' }, 6),
  event('UnitAdded', { unitId: 'unit-d', installationId: 'inst-2', name: 'Pabellón' }, 7),
  event(
    'InstallationRegistered',
    { installationId: 'inst-3', organizationId: 'org-3', name: 'Planta La Florida', timezone: 'America/Santiago' },
    8,
  ),
  deviceInUnit('dev-1', 'inst-1', 'unit-a', [energy, power], 9, 0),
  deviceInUnit('dev-2', 'inst-1', 'unit-b', [energy], 9, 1),
  deviceInUnit('dev-3', 'inst-2', 'unit-d', [water], 9, 2),
  event('DeviceRegistered', { deviceId: 'dev-4', installationId: 'inst-3', model: 'Itron G4', variables: [gas] }, 9, 3),
  event('DeviceRegistered', { deviceId: 'dev-25', installationId: 'inst-9', variables: [energy] }, 9, 4),
  event('OrganizationRenamed', { organizationId: 'org-1', name: 'Municipalidad de Providencia — Edificios' }, 10),
  event('OrganizationVisibilityChanged', { organizationId: 'org-2', visibility: 'public' }, 11),
  event('OrganizationVisibilityChanged', { organizationId: 'org-2', visibility: 'private' }, 12),
  event('UnitRenamed', { unitId: 'unit-b', installationId: 'inst-1', name: 'Piso 2 Oriente' }, 13),
  event('UnitRemoved', { unitId: 'unit-c', installationId: 'inst-1' }, 14),
  event('InstallationUpdated', { installationId: 'inst-1', address: 'Av. Pedro de Valdivia 963' }, 15),
  statusChanged('dev-2', 'offline', 16),
  event('DeviceUpdated', { deviceId: 'dev-1', name: 'Medidor general', model: 'Elster A1800' }, 17),
  event('DeviceMoved', { deviceId: 'dev-2', installationId: 'inst-1', unitId: 'unit-a' }, 18),
  statusChanged('dev-3', 'maintenance', 19),
  event('InstallationRemoved', { installationId: 'inst-2' }, 20),
  event('DeviceRemoved', { deviceId: 'dev-3' }, 21),
  event('InstallationRegistered', { installationId: 'inst-2', organizationId: 'org-2', name: 'Torre Médica II' }, 22),
  event('UnitAdded', { unitId: 'unit-e', installationId: 'inst-2', name: 'Urgencia' }, 23),
  event(
    'DeviceRegistered',
    { deviceId: 'dev-3', installationId: 'inst-2', unitId: 'unit-e', name: 'Medidor agua', variables: [water] },
    24,
  ),
  statusChanged('dev-4', 'decommissioned', 25),
  event('DeviceUpdated', { deviceId: 'dev-1', variables: [energy, power, voltage] }, 26),
  event('ApiConsumerGrantChanged', { consumerId: 'c-1', grants: [] }, 27),
  event('ApiConsumerDisabled', { consumerId: 'c-2', reason: 'left the company' }, 28),
];

/** What readers see after HISTORY, whatever the delivery order. Lists are in id order. */
export const EXPECTED_ORGANIZATIONS: Organization[] = [
  { organizationId: 'org-1', name: 'Municipalidad de Providencia — Edificios', visibility: 'public' },
  { organizationId: 'org-2', name: 'Clínica Norte', visibility: 'private' },
  { organizationId: 'org-3', name: 'Aguas Andinas', visibility: 'public' },
];

export const EXPECTED_INSTALLATIONS: Installation[] = [
  {
    installationId: 'inst-1',
    organizationId: 'org-1',
    name: 'Edificio Consistorial',
    timezone: 'America/Santiago',
    address: 'Av. Pedro de Valdivia 963',
    units: [
      { unitId: 'unit-a', name: 'Piso 1' },
      { unitId: 'unit-b', name: 'Piso 2 Oriente' },
    ],
  },
  {
    installationId: 'inst-2',
    organizationId: 'org-2',
    name: 'Torre Médica II',
    timezone: null,
    address: null,
    units: [{ unitId: 'unit-e', name: 'Urgencia' }],
  },
  {
    installationId: 'inst-3',
    organizationId: 'org-3',
    name: 'Planta La Florida',
    timezone: 'America/Santiago',
    address: null,
    units: [],
  },
];

/** dev-25 belongs to an installation never registered: not visible. dev-3's maintenance predates its removal. */
export const EXPECTED_DEVICES: Device[] = [
  {
    deviceId: 'dev-1',
    installationId: 'inst-1',
    organizationId: 'org-1',
    unitId: 'unit-a',
    name: 'Medidor general',
    model: 'Elster A1800',
    status: 'active',
    variables: [energy, power, voltage],
  },
  {
    deviceId: 'dev-2',
    installationId: 'inst-1',
    organizationId: 'org-1',
    unitId: 'unit-a',
    name: null,
    model: null,
    status: 'offline',
    variables: [energy],
  },
  {
    deviceId: 'dev-3',
    installationId: 'inst-2',
    organizationId: 'org-2',
    unitId: 'unit-e',
    name: 'Medidor agua',
    model: null,
    status: 'active',
    variables: [water],
  },
  {
    deviceId: 'dev-4',
    installationId: 'inst-3',
    organizationId: 'org-3',
    unitId: null,
    name: null,
    model: 'Itron G4',
    status: 'decommissioned',
    variables: [gas],
  },
];

export const EXPECTED_CONSUMERS: ApiConsumer[] = [
  {
    consumerId: 'c-1',
    name: 'Ana Rojas',
    email: 'ana@example.cl',
    subject: 'sub-ana',
    grants: [],
    expiresAt: null,
    disabled: false,
    disabledAt: null,
    disabledReason: null,
  },
  {
    consumerId: 'c-2',
    name: 'Bruno Díaz',
    email: 'bruno@example.cl',
    subject: 'sub-bruno',
    grants: ['org-2'],
    expiresAt: '2027-01-01T03:00:00.000Z',
    disabled: true,
    disabledAt: minute(28),
    disabledReason: 'left the company',
  },
];

export const UNIT_IDS = ['unit-a', 'unit-b', 'unit-c', 'unit-d', 'unit-e'];
export const DEVICE_IDS = ['dev-1', 'dev-2', 'dev-25', 'dev-3', 'dev-4'];
export const SUBJECTS = ['sub-ana', 'sub-bruno', 'sub-nobody'];
