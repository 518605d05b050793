import { isBusUnavailable, type EventBus, type OutgoingRecord } from '@medido/event-bus';
import { MedidoError } from '@medido/platform';
import { BUS_RETRY_AFTER_SECONDS } from './ingest-limits.ts';

/**
 * Publishes a request's records in ONE `publish` call, so the caller hears one answer for all of
 * them: 202 when the bus acknowledged every record, 503 + Retry-After otherwise, never "accepted"
 * for a record the bus did not acknowledge.
 *
 * A 503 does not prove that nothing was written: Kafka is not transactional across partitions and
 * requests, so some records of a failed publish may be stored (a produce request that reached the
 * broker but whose answer was lost, or the first requests of a publish split over several). The
 * client's retry is still safe: catalog events keep the ids the client supplied (projections
 * drop the duplicate by event id), events without one state facts whose second application changes
 * nothing (a registration, a rename, a grant list), and readings are stored once per
 * (device, variable, ts) downstream, whatever event carried them.
 */
export async function publishOrUnavailable(bus: EventBus, topic: string, records: OutgoingRecord[]): Promise<void> {
  try {
    await bus.publish(topic, records);
  } catch (error) {
    if (!isBusUnavailable(error)) throw error;
    throw new MedidoError('EVENT_BUS_UNAVAILABLE', 'nothing was accepted; retry later', {
      headers: { 'retry-after': String(BUS_RETRY_AFTER_SECONDS) },
      cause: error,
    });
  }
}
