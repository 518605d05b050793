import type { Device } from '@medido/catalog';
import type { LatestReading, MeasurementsStore } from '@medido/measurements';
import { answerDecimals, roundTo } from '@medido/measurements';
import { MedidoError } from '@medido/platform';
import { bySeries, seriesIdentity } from '../series-identity.ts';

export interface LatestSeries {
  deviceId: string;
  installationId: string;
  unitId: string | null;
  variable: string;
  unit: string;
  ts: string | null;
  value: number | null;
  quality: LatestReading['quality'] | null;
  ingestedAt: string | null;
}

/** RFC 3339 of an instant, memoized per answer: a fleet's newest readings mostly share a few instants. */
function isoMemo(): (ms: number) => string {
  const seen = new Map<number, string>();
  return (ms) => {
    let text = seen.get(ms);
    if (text === undefined) seen.set(ms, (text = new Date(ms).toISOString()));
    return text;
  };
}

/**
 * Every series of the meters (each declared variable, or only `variables`), in (deviceId, variable)
 * order, with its newest reading, rounded like an aggregation `last` of measurements; null when none.
 */
export async function latestAnswer(
  store: Pick<MeasurementsStore, 'latest'>,
  devices: readonly Device[],
  variables: string[] | null,
): Promise<LatestSeries[]> {
  if (!store.latest)
    throw new MedidoError('DEPENDENCY_UNAVAILABLE', 'this measurements store does not answer latest values');
  if (variables) {
    const known = new Set(devices.flatMap((d) => d.variables.map((v) => v.name)));
    const unknown = variables.filter((v) => !known.has(v));
    if (unknown.length) {
      throw new MedidoError(
        'MEASUREMENTS_VARIABLE_UNKNOWN',
        `no selected meter has ${unknown.length > 1 ? 'variables' : 'variable'} ${unknown.join(', ')}`,
        { issues: [{ path: '/variables', message: `unknown: ${unknown.join(', ')}` }] },
      );
    }
  }
  const wanted = devices.flatMap((d) =>
    [...d.variables]
      .filter((v) => !variables || variables.includes(v.name))
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((v) => ({ device: d, variable: v })),
  );
  const found = bySeries(
    await store.latest(wanted.map((w) => ({ deviceId: w.device.deviceId, variable: w.variable.name }))),
  );
  const iso = isoMemo();
  return wanted.map(({ device, variable }) => {
    const r = found(device, variable);
    return {
      ...seriesIdentity(device, variable),
      ts: r ? iso(r.ts) : null,
      value: r ? roundTo(r.value, answerDecimals('last', variable.decimals)) : null,
      quality: r?.quality ?? null,
      ingestedAt: r ? iso(r.ingestedAt) : null,
    };
  });
}
