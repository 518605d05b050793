import type { Device } from '@medido/catalog';

type Variable = Device['variables'][number];

/**
 * How every per-series answer (latest values, consumption statements) names its series: the meter,
 * where it is, the variable and its unit — the same members in the same order, JSON and CSV alike.
 */
export const seriesIdentity = (device: Device, variable: Variable) => ({
  deviceId: device.deviceId,
  installationId: device.installationId,
  unitId: device.unitId,
  variable: variable.name,
  unit: variable.unit,
});

/** The store's per-series answers (`latest`, `registerStatements`) by series, for matching them to the meters asked. */
export function bySeries<T extends { deviceId: string; variable: string }>(
  answers: T[],
): (device: Device, variable: Variable) => T | undefined {
  const found = new Map(answers.map((a) => [`${a.deviceId}\u001f${a.variable}`, a]));
  return (device, variable) => found.get(`${device.deviceId}\u001f${variable.name}`);
}
