import type { DeviceFilter } from '@medido/catalog';
import { MedidoError } from '@medido/platform';
import type { ApiCaller } from '../../../auth/api-caller.ts';
import { readableInstallation, readableOrganizationIds } from '../../../auth/readable-scope.ts';
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
  if (installationId !== undefined) {
    await readableInstallation(
      { kind: 'installation', id: installationId },
      caller,
      model.catalog,
      model.organizations,
    );
    return { installationId };
  }
  if (unitId !== undefined) {
    await readableInstallation({ kind: 'unit', id: unitId }, caller, model.catalog, model.organizations);
    return { unitId };
  }
  return { organizationIds: await readableOrganizationIds(organizationId, caller, model.organizations) };
}
