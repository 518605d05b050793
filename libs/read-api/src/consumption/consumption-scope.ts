import type { Device, Installation } from '@medido/catalog';
import { MedidoError } from '@medido/platform';
import type { ApiCaller } from '../auth/api-caller.ts';
import { readableDevice, readableInstallation } from '../auth/readable-scope.ts';
import type { ScopeReaders } from '../auth/scope-readers.ts';
import { installationZone } from '../measurements/measurements-scope.ts';

export type ConsumptionScope = { kind: 'installation' | 'unit'; id: string } | { kind: 'device'; id: string };

export interface ResolvedConsumptionScope {
  installation: Installation;
  /** The unit asked, or the device's unit; null for an installation or a meter of the installation as a whole. */
  unitId: string | null;
  /** In deviceId order. */
  devices: readonly Device[];
  timezone: string;
}

/**
 * The meters of a statement and the installation whose zone defines its period, after authorization:
 * what the caller may not read answers exactly as what does not exist (404, same code and wording).
 */
export async function resolveConsumptionScope(
  scope: ConsumptionScope,
  caller: ApiCaller,
  { catalog, directory, meters }: ScopeReaders,
): Promise<ResolvedConsumptionScope> {
  const device = scope.kind === 'device' ? await readableDevice(scope.id, caller, catalog, directory) : null;
  // A device the catalog answers has a live installation: the same organization, already authorized.
  const installation =
    scope.kind === 'device'
      ? await catalog.getInstallation(device!.installationId)
      : await readableInstallation(scope, caller, catalog, directory);
  if (!installation) throw new MedidoError('DEVICE_NOT_FOUND', `no device ${scope.id}`);
  const devices = device
    ? [device]
    : await meters.of(scope.kind === 'unit' ? { unitId: scope.id } : { installationId: installation.installationId });
  const unitId = device ? device.unitId : scope.kind === 'unit' ? scope.id : null;
  return { installation, unitId, devices, timezone: installationZone(installation) };
}
