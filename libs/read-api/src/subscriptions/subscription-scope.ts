import type { CreateSubscription } from '@medido/contracts';
import { MedidoError } from '@medido/platform';
import { mayRead, type ApiCaller } from '../auth/api-caller.ts';
import { readableInstallation } from '../auth/readable-scope.ts';
import type { ReadModel } from '../read-model.ts';

export interface CheckedScope {
  organizationId: string;
  installationId: string;
  unitId?: string;
  deviceIds?: string[];
}

/**
 * The scope of a new subscription, checked against the caller's grants exactly as a read of it would
 * be: what the caller may not read answers the same 404 as what does not exist. Meters must all be in
 * one installation (a subscription follows one organization's authorization).
 */
export async function checkScope(model: ReadModel, caller: ApiCaller, body: CreateSubscription): Promise<CheckedScope> {
  const given = [body.installationId, body.unitId, body.deviceIds].filter((v) => v !== undefined).length;
  if (given !== 1)
    throw new MedidoError('SUBSCRIPTION_SCOPE_INVALID', 'give exactly one of installationId, unitId and deviceIds');
  const readable = async (organizationId: string) => mayRead(caller, await model.organizations.get(organizationId));

  if (body.installationId !== undefined) {
    const installation = await readableInstallation(
      { kind: 'installation', id: body.installationId },
      caller,
      model.catalog,
      model.organizations,
    );
    return { organizationId: installation.organizationId, installationId: installation.installationId };
  }
  if (body.unitId !== undefined) {
    const installation = await readableInstallation(
      { kind: 'unit', id: body.unitId },
      caller,
      model.catalog,
      model.organizations,
    );
    return {
      organizationId: installation.organizationId,
      installationId: installation.installationId,
      unitId: body.unitId,
    };
  }
  const deviceIds = body.deviceIds!;
  const found = await model.catalog.listDevices({ deviceIds }, { limit: deviceIds.length });
  const byId = new Map(found.items.map((d) => [d.deviceId, d]));
  for (const deviceId of deviceIds) {
    const device = byId.get(deviceId);
    if (!device || !(await readable(device.organizationId)))
      throw new MedidoError('DEVICE_NOT_FOUND', `no device ${deviceId}`);
  }
  const installations = new Set(found.items.map((d) => d.installationId));
  if (installations.size !== 1)
    throw new MedidoError('SUBSCRIPTION_SCOPE_INVALID', 'the meters of one subscription must be in one installation');
  const [device] = found.items;
  return { organizationId: device!.organizationId, installationId: device!.installationId, deviceIds };
}
