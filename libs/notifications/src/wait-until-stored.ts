import type { MeasurementsStore } from '@medido/measurements';
import type { Logger } from 'pino';
import type { DerivedChanges } from './derive-changes.ts';

const POLL_MS = 50;
/** Long enough for a projector under load, short enough that a projector outage only delays notices. */
const MAX_WAIT_MS = 5_000;

/**
 * The notifier reads the topic in its own group, often ahead of the projector: a consumer told
 * "new readings" who re-queries at once must find them. So the changes wait until the store's newest
 * reading of each advanced meter reaches what this batch brought (one insert per record in the
 * projector, so the newest reading stored means the record is). Bounded: after MAX_WAIT_MS they go
 * out anyway, logged — late notices beat a notifier that stalls with the projector.
 */
export async function waitUntilStored(
  store: Pick<MeasurementsStore, 'lastSeen'>,
  derived: Pick<DerivedChanges, 'advanced'>,
  logger: Logger,
): Promise<void> {
  const pending = new Map(derived.advanced);
  const deadline = Date.now() + MAX_WAIT_MS;
  while (pending.size > 0) {
    const seen = await store.lastSeen([...pending.keys()]);
    for (const [deviceId, t] of pending) if ((seen.get(deviceId) ?? -Infinity) >= t) pending.delete(deviceId);
    if (pending.size === 0) return;
    if (Date.now() >= deadline) {
      logger.warn({ meters: pending.size }, 'readings not readable yet; notifying anyway');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
