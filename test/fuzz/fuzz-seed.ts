/**
 * What the fuzz run needs in the catalog and the measurements store, so generated requests reach real
 * data paths (not only 404s): a public and a private organization, installations with units, meters
 * with a cumulative and an instantaneous variable, and two days of 15-minute readings.
 */
const DAY = 86_400_000;
const STEP = 15 * 60_000;

export const SEED_GRANTS = ['org-fuzz-private'];

export function seedCatalogEvents(): object[] {
  const variables = [
    { name: 'active_energy_import', unit: 'kWh', kind: 'cumulative' },
    { name: 'active_power', unit: 'kW', kind: 'instantaneous' },
  ];
  return [
    { type: 'OrganizationRegistered', data: { organizationId: 'org-fuzz', name: 'Fuzz public', visibility: 'public' } },
    {
      type: 'OrganizationRegistered',
      data: { organizationId: 'org-fuzz-private', name: 'Fuzz private', visibility: 'private' },
    },
    {
      type: 'OrganizationRegistered',
      data: { organizationId: 'org-fuzz-hidden', name: 'Fuzz hidden', visibility: 'private' },
    },
    {
      type: 'InstallationRegistered',
      data: { installationId: 'inst-fuzz', organizationId: 'org-fuzz', name: 'Building', timezone: 'America/Santiago' },
    },
    {
      type: 'InstallationRegistered',
      data: { installationId: 'inst-fuzz-private', organizationId: 'org-fuzz-private', name: 'Plant' },
    },
    { type: 'UnitAdded', data: { unitId: 'unit-fuzz-1', installationId: 'inst-fuzz', name: 'Floor 1' } },
    { type: 'UnitAdded', data: { unitId: 'unit-fuzz-2', installationId: 'inst-fuzz-private', name: 'Line 2' } },
    {
      type: 'DeviceRegistered',
      data: { deviceId: 'dev-fuzz-1', installationId: 'inst-fuzz', unitId: 'unit-fuzz-1', variables },
    },
    { type: 'DeviceRegistered', data: { deviceId: 'dev-fuzz-2', installationId: 'inst-fuzz', variables } },
    {
      type: 'DeviceRegistered',
      data: { deviceId: 'dev-fuzz-3', installationId: 'inst-fuzz-private', unitId: 'unit-fuzz-2', variables },
    },
    { type: 'DeviceStatusChanged', data: { deviceId: 'dev-fuzz-2', status: 'maintenance' } },
  ];
}

export function seedReadings(now: number): object[] {
  const end = Math.floor(now / STEP) * STEP;
  const readings: object[] = [];
  for (const [d, deviceId] of ['dev-fuzz-1', 'dev-fuzz-2', 'dev-fuzz-3'].entries()) {
    for (let t = end - 2 * DAY; t < end; t += STEP) {
      const ts = new Date(t).toISOString();
      readings.push({
        deviceId,
        variable: 'active_energy_import',
        ts,
        value: ((t - (end - 2 * DAY)) / 3_600_000) * (d + 1),
      });
      readings.push({ deviceId, variable: 'active_power', ts, value: 1 + ((t / STEP) % 7), quality: 'estimated' });
    }
  }
  return readings;
}
