import type { NewChange } from './derive-changes.ts';
import { localDate, localDay } from './local-days.ts';

/** Bounds the work of one evaluation: a backfill of years closes its days over several batches. */
export const MAX_DAYS_PER_EVALUATION = 62;

export interface InstallationDays {
  organizationId: string;
  installationId: string;
  timezone: string;
  /**
   * The installation's meters, each with its newest reading instant (undefined: none yet) and, when this
   * notifier saw it, its earliest.
   */
  meters: { deviceId: string; last: number | undefined; first?: number | undefined }[];
  /** End of the last day announced (ms); undefined before the first evaluation. */
  closedThrough: number | undefined;
}

/**
 * Pure: the days an installation closes now. A day is closed when every meter has a reading at or
 * after its end (the reading at local midnight closes the day's consumption). The first evaluation
 * starts at the day every meter had begun reporting in (the latest first reading; without those, the
 * day holding the slowest meter's newest reading): days before a meter existed are not announced,
 * nor history a notifier never read; later ones announce every day up to the slowest meter, in order. Ids name the installation
 * and the day only, so any notifier, after any crash, derives the same id for the same day.
 */
export function closeDays(
  input: InstallationDays,
  occurredAt: string,
): { changes: NewChange[]; closedThrough: number | undefined } {
  if (input.meters.length === 0 || input.meters.some((m) => m.last === undefined))
    return { changes: [], closedThrough: input.closedThrough };
  const slowest = Math.min(...input.meters.map((m) => m.last!));
  const firsts = input.meters.map((m) => m.first);
  const start = firsts.every((f) => f !== undefined) ? Math.max(...(firsts as number[])) : slowest;
  let through = input.closedThrough ?? localDay(start, input.timezone)[0];
  const deviceIds = input.meters.map((m) => m.deviceId).sort();
  const changes: NewChange[] = [];
  for (let n = 0; n < MAX_DAYS_PER_EVALUATION; n++) {
    const [from, to] = localDay(through, input.timezone);
    if (to > slowest) break;
    const day = localDate(from, input.timezone);
    changes.push({
      id: `day.closed/${input.installationId}/${day}`,
      type: 'day.closed',
      occurredAt,
      organizationId: input.organizationId,
      installationId: input.installationId,
      deviceIds,
      data: {
        day,
        timezone: input.timezone,
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        deviceIds,
      },
    });
    through = to;
  }
  return { changes, closedThrough: through };
}
