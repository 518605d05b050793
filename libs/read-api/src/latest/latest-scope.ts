import { allDevices, type CatalogReader, type Device } from '@medido/catalog';
import { MedidoError } from '@medido/platform';
import { mayRead, type ApiCaller } from '../auth/api-caller.ts';
import type { OrganizationDirectory } from '../auth/organization-directory.ts';

export type LatestScope = { kind: 'installation' | 'unit'; id: string } | { kind: 'devices'; ids: string[] };

/**
 * The meters of a latest-values request, after authorization, in deviceId order. As everywhere in /v1,
 * what the caller may not read answers exactly as what does not exist (404, same code and wording).
 */
export async function latestDevices(
  scope: LatestScope,
  caller: ApiCaller,
  catalog: CatalogReader,
  directory: OrganizationDirectory,
): Promise<Device[]> {
  if (scope.kind === 'devices') {
    const devices: Device[] = [];
    for (const deviceId of scope.ids) {
      const device = await catalog.getDevice(deviceId);
      if (!device || !mayRead(caller, await directory.get(device.organizationId)))
        throw new MedidoError('DEVICE_NOT_FOUND', `no device ${deviceId}`);
      devices.push(device);
    }
    return devices.sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1));
  }
  const installation =
    scope.kind === 'installation'
      ? await catalog.getInstallation(scope.id)
      : await catalog.findInstallationByUnit(scope.id);
  if (!installation || !mayRead(caller, await directory.get(installation.organizationId))) {
    throw scope.kind === 'installation'
      ? new MedidoError('INSTALLATION_NOT_FOUND', `no installation ${scope.id}`)
      : new MedidoError('UNIT_NOT_FOUND', `no unit ${scope.id}`);
  }
  return allDevices(
    catalog,
    scope.kind === 'unit' ? { unitId: scope.id } : { installationId: installation.installationId },
  );
}
