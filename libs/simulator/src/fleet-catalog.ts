import { createHash } from 'node:crypto';
import type { DeviceStatus } from '@medido/contracts';
import type { ingestor } from '@medido/client';
import { METER_VARIABLES, type DemoFleet } from './demo-fleet.ts';

/** One item of `POST /v1/ingest/catalog`, as the ingestor's document types it. */
type CatalogEventInput = ingestor.CatalogEventInput;
type EventOf<T extends CatalogEventInput['type']> = Extract<CatalogEventInput, { type: T }>;

/** Namespace of the demo's name-based event ids. */
const DEMO_NAMESPACE = '9a6a61d0-4357-4f9a-8c23-210bec5ebf55';

/**
 * A name-based UUID (version 5): the same catalog fact always carries the same event id, so a second
 * run of the simulator against the same server changes nothing downstream (ids are idempotency keys).
 * @see https://www.rfc-editor.org/rfc/rfc9562#name-uuid-version-5
 */
export function demoEventId(name: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(DEMO_NAMESPACE.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function event<T extends CatalogEventInput['type']>(
  type: T,
  name: string,
  data: EventOf<T>['data'],
  at: number,
): EventOf<T> {
  return { type, data, id: demoEventId(`${type}/${name}`), time: new Date(at).toISOString() } as EventOf<T>;
}

/**
 * The fleet's registration as a pipeline announces it, in three requests sent one after the other:
 * organizations; installations with their units; meters with their initial status. Each later request
 * refers only to what an earlier one (or the same aggregate's earlier event) registered.
 */
export function registrationRequests(fleet: DemoFleet, at: number): CatalogEventInput[][] {
  const organizations = fleet.organizations.map((o) =>
    event(
      'OrganizationRegistered',
      o.organizationId,
      { organizationId: o.organizationId, name: o.name, visibility: o.visibility },
      at,
    ),
  );
  const installations = fleet.installations.flatMap((i) => [
    event(
      'InstallationRegistered',
      i.installationId,
      {
        installationId: i.installationId,
        organizationId: i.organizationId,
        name: i.name,
        timezone: i.timezone,
        address: i.address,
      },
      at,
    ),
    ...i.units.map((u) =>
      event(
        'UnitAdded',
        `${i.installationId}/${u.unitId}`,
        { unitId: u.unitId, installationId: i.installationId, name: u.name },
        at,
      ),
    ),
  ]);
  const devices = fleet.devices.flatMap((d) => [
    event(
      'DeviceRegistered',
      d.deviceId,
      {
        deviceId: d.deviceId,
        installationId: d.installationId,
        unitId: d.unitId,
        name: d.name,
        model: d.model,
        variables: METER_VARIABLES[d.kind],
      },
      at,
    ),
    statusChanged(d.deviceId, 'active', at),
  ]);
  return [organizations, installations, devices];
}

export function statusChanged(deviceId: string, status: DeviceStatus, at: number): CatalogEventInput {
  return event('DeviceStatusChanged', `${deviceId}/${status}`, { deviceId, status }, at);
}
