import type { Device } from '@medido/catalog';
import type { ApiCaller } from '../auth/api-caller.ts';
import { readableDevice, readableInstallation } from '../auth/readable-scope.ts';
import type { ScopeReaders } from '../auth/scope-readers.ts';

export type LatestScope = { kind: 'installation' | 'unit'; id: string } | { kind: 'devices'; ids: string[] };

/**
 * The meters of a latest-values request, after authorization, in deviceId order. As everywhere in /v1,
 * what the caller may not read answers exactly as what does not exist (404, same code and wording).
 */
export async function latestDevices(
  scope: LatestScope,
  caller: ApiCaller,
  { catalog, directory, meters }: ScopeReaders,
): Promise<readonly Device[]> {
  if (scope.kind === 'devices') {
    const devices: Device[] = [];
    for (const deviceId of scope.ids) devices.push(await readableDevice(deviceId, caller, catalog, directory));
    return devices.sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1));
  }
  const installation = await readableInstallation(scope, caller, catalog, directory);
  return meters.of(scope.kind === 'unit' ? { unitId: scope.id } : { installationId: installation.installationId });
}
