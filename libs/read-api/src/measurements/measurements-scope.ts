import type { Device, Installation } from '@medido/catalog';
import { MedidoError } from '@medido/platform';
import type { ApiCaller } from '../auth/api-caller.ts';
import { readableDevice, readableInstallation } from '../auth/readable-scope.ts';
import type { ScopeReaders } from '../auth/scope-readers.ts';
import type { MeasurementsRequest } from './measurements-query.ts';
import { canonicalTimeZone } from '@medido/measurements';
import { DEFAULT_TIMEZONE } from './zoned-time.ts';

/** The meters a request reads, after authorization, in deviceId order. */
export interface ResolvedScope {
  installation: Installation;
  unitId: string | null;
  devices: readonly Device[];
  timezone: string;
}

/** The zone an installation declares, when the runtime knows it; America/Santiago otherwise. */
export function installationZone(installation: Installation): string {
  if (!installation.timezone) return DEFAULT_TIMEZONE;
  try {
    return canonicalTimeZone(installation.timezone);
  } catch {
    return DEFAULT_TIMEZONE;
  }
}

/**
 * Resolves the scope and every requested meter. Anything the caller may not read answers exactly as if
 * it did not exist (404 with the same code and wording), so a response never reveals that a private
 * organization's installation, unit or meter exists. A meter the caller may read but that lies outside
 * the scope is a 400: that reveals nothing the caller could not already list.
 */
export async function resolveScope(
  request: MeasurementsRequest,
  caller: ApiCaller,
  { catalog, directory, meters }: ScopeReaders,
): Promise<ResolvedScope> {
  const { scope } = request;
  const installation = await readableInstallation(scope, caller, catalog, directory);
  const unitId = scope.kind === 'unit' ? scope.id : null;

  let devices: readonly Device[];
  if (request.deviceIds) {
    const listed: Device[] = [];
    for (const deviceId of request.deviceIds) {
      const device = await readableDevice(deviceId, caller, catalog, directory);
      const inScope =
        device.installationId === installation.installationId && (unitId === null || device.unitId === unitId);
      if (!inScope) {
        throw new MedidoError(
          'MEASUREMENTS_DEVICE_NOT_IN_SCOPE',
          `device ${deviceId} is not in ${scope.kind} ${scope.id}`,
          { issues: [{ path: '/deviceIds', message: `${deviceId} is not in ${scope.kind} ${scope.id}` }] },
        );
      }
      listed.push(device);
    }
    devices = listed.sort((a, b) => (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0));
  } else {
    devices = await meters.of(unitId ? { unitId } : { installationId: installation.installationId });
  }

  if (request.variables) {
    const known = new Set(devices.flatMap((d) => d.variables.map((v) => v.name)));
    const unknown = request.variables.filter((v) => !known.has(v));
    if (unknown.length) {
      throw new MedidoError(
        'MEASUREMENTS_VARIABLE_UNKNOWN',
        `no selected meter has ${unknown.length > 1 ? 'variables' : 'variable'} ${unknown.join(', ')}`,
        { issues: [{ path: '/variables', message: `unknown: ${unknown.join(', ')}` }] },
      );
    }
  }
  return { installation, unitId, devices, timezone: request.timezone ?? installationZone(installation) };
}
