import type { DeviceFilter } from '@medido/catalog';
import { MedidoError } from '@medido/platform';
import { mayRead, type ApiCaller } from '../../../auth/api-caller.ts';
import type { ReadModel } from '../../../read-model.ts';

export interface DeviceScopeQuery {
  installationId?: string | undefined;
  unitId?: string | undefined;
  organizationId?: string | undefined;
}

/**
 * The part of the device filter that says whose meters are listed: an installation, a unit, an
 * organization, or (none given) every organization the caller may read. A scope the caller may not
 * read answers 404 exactly as one that does not exist, so a private id is never confirmed.
 */
export async function readableDeviceScope(
  model: ReadModel,
  caller: ApiCaller,
  query: DeviceScopeQuery,
): Promise<Pick<DeviceFilter, 'installationId' | 'unitId' | 'organizationIds'>> {
  const { installationId, unitId, organizationId } = query;
  const given = [installationId, unitId, organizationId].filter((id) => id !== undefined).length;
  if (given > 1)
    throw new MedidoError('REQUEST_INVALID', 'give at most one of installationId, unitId and organizationId');
  if (installationId !== undefined || unitId !== undefined) {
    const installation =
      installationId !== undefined
        ? await model.catalog.getInstallation(installationId)
        : await model.catalog.findInstallationByUnit(unitId!);
    if (!installation || !mayRead(caller, await model.organizations.get(installation.organizationId))) {
      throw installationId !== undefined
        ? new MedidoError('INSTALLATION_NOT_FOUND', `no installation ${installationId}`)
        : new MedidoError('UNIT_NOT_FOUND', `no unit ${unitId}`);
    }
    return installationId !== undefined ? { installationId } : { unitId: unitId! };
  }
  if (organizationId !== undefined) {
    if (!mayRead(caller, await model.organizations.get(organizationId)))
      throw new MedidoError('ORGANIZATION_NOT_FOUND', `no organization ${organizationId}`);
    return { organizationIds: [organizationId] };
  }
  const readable = (await model.organizations.all()).filter((o) => mayRead(caller, o));
  return { organizationIds: readable.map((o) => o.organizationId) };
}
