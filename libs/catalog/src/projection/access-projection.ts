import type { ApiReadAnswered } from '@medido/contracts';
import type { AccessRecord } from '../access-log.port.ts';

/** Instants as UTC with milliseconds, whatever offset the producer wrote: one spelling to compare and sort. */
const instant = (iso: string | undefined) => (iso === undefined ? null : new Date(iso).toISOString());

/** Pure: the access record an ApiReadAnswered event states. Nothing to merge: records are facts. */
export function accessRecordOf(event: ApiReadAnswered): AccessRecord {
  const d = event.data;
  return {
    eventId: event.id,
    consumerId: d.consumerId,
    clientId: d.clientId,
    method: d.method,
    route: d.route,
    url: d.url,
    status: d.status,
    requestId: d.requestId,
    organizationIds: d.organizationIds,
    installationIds: d.installationIds,
    unitId: d.unitId ?? null,
    deviceIds: d.deviceIds,
    from: instant(d.from),
    to: instant(d.to),
    rows: d.rows,
    answeredAt: new Date(d.answeredAt).toISOString(),
  };
}
