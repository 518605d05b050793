import type { Device, Installation, Organization } from '@medido/catalog';
import type { StoredReading } from '@medido/measurements';
import type { CatalogData } from './in-memory-catalog.ts';

/**
 * A small platform: a public organization with one installation (two units, a meter without unit), a
 * private one, and another private one. Ids carry their organization so leaks are easy to spot.
 */
export const ENERGY = { name: 'active_energy_import', unit: 'kWh', kind: 'cumulative' as const };
export const POWER = { name: 'active_power', unit: 'kW', kind: 'instantaneous' as const };

const org = (organizationId: string, visibility: Organization['visibility']): Organization => ({
  organizationId,
  name: `Org ${organizationId}`,
  visibility,
});
const inst = (
  installationId: string,
  organizationId: string,
  units: string[],
  timezone: string | null = 'America/Santiago',
): Installation => ({
  installationId,
  organizationId,
  name: `Installation ${installationId}`,
  timezone,
  address: null,
  units: units.map((unitId) => ({ unitId, name: `Unit ${unitId}` })),
});
export const device = (
  deviceId: string,
  installationId: string,
  organizationId: string,
  unitId: string | null,
  variables: Device['variables'] = [ENERGY, POWER],
): Device => ({
  deviceId,
  installationId,
  organizationId,
  unitId,
  name: null,
  model: null,
  status: 'active',
  variables,
});

export function world(): CatalogData {
  return {
    organizations: [org('pub', 'public'), org('priv', 'private'), org('other', 'private')],
    installations: [
      inst('pub-inst', 'pub', ['pub-unit-a', 'pub-unit-b']),
      inst('priv-inst', 'priv', ['priv-unit']),
      inst('other-inst', 'other', ['other-unit'], 'Europe/Madrid'),
    ],
    devices: [
      device('pub-dev-a1', 'pub-inst', 'pub', 'pub-unit-a'),
      device('pub-dev-a2', 'pub-inst', 'pub', 'pub-unit-a'),
      device('pub-dev-b1', 'pub-inst', 'pub', 'pub-unit-b'),
      device('pub-dev-n', 'pub-inst', 'pub', null, [ENERGY]),
      device('priv-dev-1', 'priv-inst', 'priv', 'priv-unit'),
      device('other-dev-1', 'other-inst', 'other', 'other-unit'),
    ],
  };
}

/** Readings of one variable: [ISO time, value] pairs, ingested a minute after their time. */
export function series(deviceId: string, variable: string, points: [string, number][]): StoredReading[] {
  return points.map(([ts, value]) => ({
    deviceId,
    variable,
    ts: Date.parse(ts),
    value,
    quality: 'measured',
    ingestedAt: Date.parse(ts) + 60_000,
  }));
}

/** A regular register: one reading every `stepMs` from `from` (inclusive) to `to` (exclusive), rising by `increment`. */
export function register(
  deviceId: string,
  variable: string,
  from: string,
  to: string,
  stepMs: number,
  start: number,
  increment: number,
): StoredReading[] {
  const out: StoredReading[] = [];
  for (let t = Date.parse(from), v = start; t < Date.parse(to); t += stepMs, v += increment) {
    out.push({ deviceId, variable, ts: t, value: v, quality: 'measured', ingestedAt: t + 60_000 });
  }
  return out;
}
