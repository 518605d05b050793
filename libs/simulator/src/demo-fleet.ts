import type { VariableDefinition, Visibility } from '@medido/contracts';
import { MedidoError } from '@medido/platform';
import type { ProfileName } from './load-profiles.ts';

/** What the simulated meter measures; decides its variables and its register's resolution. */
export type MeterKind = 'electricity' | 'water' | 'gas';

/** Designed irregularities, so the demo (and the read API's tests) meet what real pipelines send. */
export interface MeterQuirks {
  /** The cumulative register goes back to zero every this many days (meter replaced or cleared). */
  resetEveryDays?: number;
  /** Its pipeline re-sends the tail of the previous request now and then (duplicates). */
  resends?: boolean;
  /** Its pipeline holds back a stretch of readings and sends them in the next request (out of order). */
  late?: boolean;
  /** The meter stopped reporting this many days before the simulator started; its status turns `offline`. */
  offlineDaysAgo?: number;
}

export interface DemoOrganization {
  organizationId: string;
  name: string;
  visibility: Visibility;
}
export interface DemoUnit {
  unitId: string;
  name: string;
}
export interface DemoInstallation {
  installationId: string;
  organizationId: string;
  name: string;
  timezone: string;
  address: string;
  units: DemoUnit[];
}
export interface DemoDevice {
  deviceId: string;
  installationId: string;
  unitId: string;
  name: string;
  model: string;
  kind: MeterKind;
  profile: ProfileName;
  quirks: MeterQuirks;
}
export interface DemoFleet {
  organizations: DemoOrganization[];
  installations: DemoInstallation[];
  devices: DemoDevice[];
}

/** Meters report every 15 minutes, on the quarter hour (UTC-aligned, so on local quarter hours too). */
export const READING_INTERVAL_MS = 15 * 60_000;

/**
 * A variable as DeviceRegistered declares it, `decimals` and `readingIntervalSeconds` always given: the
 * register's resolution (meter-model.ts rounds to thousandths; voltage to tenths) and its cadence, so
 * that every aggregated bucket of the demo answers its completeness (`--speed` sends live readings more
 * often than declared: their buckets read complete, coverage 1).
 */
export type MeterVariable = VariableDefinition & { decimals: number; readingIntervalSeconds: number };

const every15Minutes = { readingIntervalSeconds: READING_INTERVAL_MS / 1000 };

export const ELECTRICITY_VARIABLES: MeterVariable[] = [
  { name: 'active_energy_import', unit: 'kWh', kind: 'cumulative', decimals: 3, ...every15Minutes },
  { name: 'active_power', unit: 'kW', kind: 'instantaneous', decimals: 3, ...every15Minutes },
  { name: 'voltage', unit: 'V', kind: 'instantaneous', decimals: 1, ...every15Minutes },
];

export const METER_VARIABLES: Record<MeterKind, MeterVariable[]> = {
  electricity: ELECTRICITY_VARIABLES,
  water: [{ name: 'volume', unit: 'm3', kind: 'cumulative', decimals: 3, ...every15Minutes }],
  // Gas gets its own name: grouping a unit by installation sums variables by name, and water plus gas is no quantity.
  gas: [{ name: 'gas_volume', unit: 'm3', kind: 'cumulative', decimals: 3, ...every15Minutes }],
};

const SANTIAGO = 'America/Santiago';

/**
 * The demo fleet. Ids are stable (docs, tests and the embedded default's README refer to them); the
 * seed changes the readings, not the catalog. One public organization, two private ones; the clinic
 * lies in America/Punta_Arenas, which has kept UTC−3 all year since 2016 while Santiago switches.
 */
export const DEMO_FLEET: DemoFleet = {
  organizations: [
    { organizationId: 'org-muni-demo', name: 'Municipalidad de Villa Demo', visibility: 'public' },
    { organizationId: 'org-inmobiliaria-demo', name: 'Inmobiliaria Cordillera (demo)', visibility: 'private' },
    { organizationId: 'org-clinica-demo', name: 'Clínica Austral (demo)', visibility: 'private' },
  ],
  installations: [
    {
      installationId: 'inst-muni-edificio',
      organizationId: 'org-muni-demo',
      name: 'Edificio Consistorial',
      timezone: SANTIAGO,
      address: 'Plaza de Armas 1, Villa Demo',
      units: [
        { unitId: 'unit-muni-piso-1', name: 'Piso 1' },
        { unitId: 'unit-muni-piso-2', name: 'Piso 2' },
      ],
    },
    {
      installationId: 'inst-muni-biblioteca',
      organizationId: 'org-muni-demo',
      name: 'Biblioteca Municipal',
      timezone: SANTIAGO,
      address: 'Calle Larga 250, Villa Demo',
      units: [{ unitId: 'unit-biblio-sala', name: 'Sala de lectura' }],
    },
    {
      installationId: 'inst-torre-andes',
      organizationId: 'org-inmobiliaria-demo',
      name: 'Torre Los Andes',
      timezone: SANTIAGO,
      address: 'Avenida Los Andes 1200, Santiago',
      units: [
        { unitId: 'unit-torre-depto-101', name: 'Departamento 101' },
        { unitId: 'unit-torre-depto-102', name: 'Departamento 102' },
        { unitId: 'unit-torre-comunes', name: 'Espacios comunes' },
      ],
    },
    {
      installationId: 'inst-clinica-austral',
      organizationId: 'org-clinica-demo',
      name: 'Clínica Austral',
      timezone: 'America/Punta_Arenas',
      address: 'Avenida Costanera 500, Punta Arenas',
      units: [
        { unitId: 'unit-clinica-edificio', name: 'Edificio principal' },
        { unitId: 'unit-clinica-calderas', name: 'Sala de calderas' },
      ],
    },
  ],
  devices: [
    {
      deviceId: 'mtr-muni-p1',
      installationId: 'inst-muni-edificio',
      unitId: 'unit-muni-piso-1',
      name: 'Medidor general piso 1',
      model: 'Demo E3 trifásico',
      kind: 'electricity',
      profile: 'office-large',
      quirks: { resetEveryDays: 37 },
    },
    {
      deviceId: 'mtr-muni-p2',
      installationId: 'inst-muni-edificio',
      unitId: 'unit-muni-piso-2',
      name: 'Medidor general piso 2',
      model: 'Demo E3 trifásico',
      kind: 'electricity',
      profile: 'office-small',
      quirks: { late: true },
    },
    {
      deviceId: 'mtr-biblio',
      installationId: 'inst-muni-biblioteca',
      unitId: 'unit-biblio-sala',
      name: 'Medidor biblioteca',
      model: 'Demo E1 monofásico',
      kind: 'electricity',
      profile: 'library',
      quirks: { offlineDaysAgo: 3 },
    },
    {
      deviceId: 'mtr-depto-101',
      installationId: 'inst-torre-andes',
      unitId: 'unit-torre-depto-101',
      name: 'Medidor depto 101',
      model: 'Demo E1 monofásico',
      kind: 'electricity',
      profile: 'home-family',
      quirks: { resends: true },
    },
    {
      deviceId: 'mtr-depto-102',
      installationId: 'inst-torre-andes',
      unitId: 'unit-torre-depto-102',
      name: 'Medidor depto 102',
      model: 'Demo E1 monofásico',
      kind: 'electricity',
      profile: 'home-single',
      quirks: {},
    },
    {
      deviceId: 'mtr-comunes',
      installationId: 'inst-torre-andes',
      unitId: 'unit-torre-comunes',
      name: 'Medidor espacios comunes',
      model: 'Demo E3 trifásico',
      kind: 'electricity',
      profile: 'common-areas',
      quirks: { resetEveryDays: 53 },
    },
    {
      deviceId: 'wtr-torre',
      installationId: 'inst-torre-andes',
      unitId: 'unit-torre-comunes',
      name: 'Medidor de agua general',
      model: 'Demo W50 ultrasónico',
      kind: 'water',
      profile: 'water-building',
      quirks: {},
    },
    {
      deviceId: 'mtr-clinica',
      installationId: 'inst-clinica-austral',
      unitId: 'unit-clinica-edificio',
      name: 'Medidor general clínica',
      model: 'Demo E3 trifásico',
      kind: 'electricity',
      profile: 'clinic',
      quirks: {},
    },
    {
      deviceId: 'gas-clinica',
      installationId: 'inst-clinica-austral',
      unitId: 'unit-clinica-calderas',
      name: 'Medidor de gas calderas',
      model: 'Demo G25 diafragma',
      kind: 'gas',
      profile: 'gas-boiler',
      quirks: {},
    },
  ],
};

export function installationOf(fleet: DemoFleet, device: DemoDevice): DemoInstallation {
  const installation = fleet.installations.find((i) => i.installationId === device.installationId);
  if (!installation)
    throw new MedidoError('INTERNAL', `device ${device.deviceId} names unknown installation ${device.installationId}`);
  return installation;
}
