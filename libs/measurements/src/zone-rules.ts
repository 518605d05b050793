import { createHash } from 'node:crypto';
import { DAY } from './buckets.ts';
import { sampleSegments } from './time-zones.ts';

/**
 * A fingerprint of a zone's UTC-offset history (1970–2070) in the runtime's zone database. The 1 d
 * rollup is bucketed with these rules; if a runtime upgrade brings different rules for the rollup zone
 * (Chile has changed its DST dates by decree several times), stored day rows no longer match the day
 * boundaries queries use, so the planner stops using them (hours still answer exactly).
 * Weekly sampling: a change missed by it leaves the fingerprint equal only if the rules are equal there.
 */
export function zoneRulesFingerprint(timeZone: string): string {
  const segments = sampleSegments(timeZone, Date.UTC(1970, 0, 1), Date.UTC(2070, 0, 1), 7 * DAY);
  return createHash('sha256')
    .update(JSON.stringify(segments.map((s) => [s.start, s.offset])))
    .digest('hex')
    .slice(0, 32);
}
