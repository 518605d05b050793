import { allDevices, type CatalogReader, type Device, type Installation } from '@medido/catalog';
import { MedidoError } from '@medido/platform';
import { mayRead, type ApiCaller } from '../auth/api-caller.ts';
import type { OrganizationDirectory } from '../auth/organization-directory.ts';
import { installationZone } from '../measurements/measurements-scope.ts';

export type ConsumptionScope = { kind: 'installation' | 'unit' | 'device'; id: string };

export interface ResolvedConsumptionScope {
  installation: Installation;
  /** The unit asked, or the device's unit; null for an installation or a meter of the installation as a whole. */
  unitId: string | null;
  /** In deviceId order. */
  devices: Device[];
  timezone: string;
}

const notFound = (scope: ConsumptionScope) =>
  ({
    installation: () => new MedidoError('INSTALLATION_NOT_FOUND', `no installation ${scope.id}`),
    unit: () => new MedidoError('UNIT_NOT_FOUND', `no unit ${scope.id}`),
    device: () => new MedidoError('DEVICE_NOT_FOUND', `no device ${scope.id}`),
  })[scope.kind]();

/**
 * The meters of a statement and the installation whose zone defines its period, after authorization:
 * what the caller may not read answers exactly as what does not exist (404, same code and wording).
 */
export async function resolveConsumptionScope(
  scope: ConsumptionScope,
  caller: ApiCaller,
  catalog: CatalogReader,
  directory: OrganizationDirectory,
): Promise<ResolvedConsumptionScope> {
  const device = scope.kind === 'device' ? await catalog.getDevice(scope.id) : null;
  if (scope.kind === 'device' && !device) throw notFound(scope);
  const installation = device
    ? await catalog.getInstallation(device.installationId)
    : scope.kind === 'installation'
      ? await catalog.getInstallation(scope.id)
      : await catalog.findInstallationByUnit(scope.id);
  if (!installation || !mayRead(caller, await directory.get(installation.organizationId))) throw notFound(scope);
  const devices = device
    ? [device]
    : await allDevices(
        catalog,
        scope.kind === 'unit' ? { unitId: scope.id } : { installationId: installation.installationId },
      );
  devices.sort((a, b) => (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0));
  const unitId = device ? device.unitId : scope.kind === 'unit' ? scope.id : null;
  return { installation, unitId, devices, timezone: installationZone(installation) };
}
