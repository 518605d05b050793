import type { ChangeLogReader } from '@medido/catalog';
import type { ChangeEvent } from '@medido/contracts';

/** Every change in the log, and per meter how many readings its `measurements.available` changes told. */
export async function toldPerMeter(log: ChangeLogReader) {
  const changes: ChangeEvent[] = await log.changesAfter({}, undefined, 10_000);
  const told = new Map<string, number>();
  for (const c of changes) {
    if (c.type !== 'measurements.available') continue;
    const data = c.data as { deviceId: string; readings: number };
    told.set(data.deviceId, (told.get(data.deviceId) ?? 0) + data.readings);
  }
  return { changes, told };
}
