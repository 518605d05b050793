import type { Device, Installation } from '@medido/catalog';
import { MedidoError } from '@medido/platform';
import { mayRead, type ApiCaller } from './api-caller.ts';
import type { OrganizationDirectory } from './organization-directory.ts';
import type { ScopeCatalog } from './scope-catalog.ts';

/**
 * The one rule of every scoped /v1 read: what the caller may not read answers exactly as what does not
 * exist (404, same code and wording), so no answer reveals that a private organization's installation,
 * unit or meter exists.
 */

/** The installation asked for, or the one holding the unit asked for, when the caller may read it. */
export async function readableInstallation(
  scope: { kind: 'installation' | 'unit'; id: string },
  caller: ApiCaller,
  catalog: ScopeCatalog,
  directory: OrganizationDirectory,
): Promise<Installation> {
  const installation =
    scope.kind === 'installation'
      ? await catalog.getInstallation(scope.id)
      : await catalog.findInstallationByUnit(scope.id);
  if (!installation || !mayRead(caller, await directory.get(installation.organizationId))) {
    throw scope.kind === 'installation'
      ? new MedidoError('INSTALLATION_NOT_FOUND', `no installation ${scope.id}`)
      : new MedidoError('UNIT_NOT_FOUND', `no unit ${scope.id}`);
  }
  return installation;
}

/** The meter asked for, when the caller may read it. */
export async function readableDevice(
  deviceId: string,
  caller: ApiCaller,
  catalog: ScopeCatalog,
  directory: OrganizationDirectory,
): Promise<Device> {
  const device = await catalog.getDevice(deviceId);
  if (!device || !mayRead(caller, await directory.get(device.organizationId)))
    throw new MedidoError('DEVICE_NOT_FOUND', `no device ${deviceId}`);
  return device;
}

/**
 * The organizations a catalog list covers: the one asked for, when the caller may read it, else every
 * organization the caller may read (public ones and its grants).
 */
export async function readableOrganizationIds(
  organizationId: string | undefined,
  caller: ApiCaller,
  directory: OrganizationDirectory,
): Promise<string[]> {
  if (organizationId === undefined)
    return (await directory.all()).filter((o) => mayRead(caller, o)).map((o) => o.organizationId);
  if (!mayRead(caller, await directory.get(organizationId)))
    throw new MedidoError('ORGANIZATION_NOT_FOUND', `no organization ${organizationId}`);
  return [organizationId];
}
