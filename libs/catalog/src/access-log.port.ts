import type { Page, PageRequest } from './catalog-store.port.ts';

/**
 * The access read model: one record per answered read of the read API (who read which meters, when),
 * projected from the access topic. Append-only: a record is never changed, a re-delivered event is
 * ignored (keyed by its event id). Listed newest first, per consumer and per organization.
 * Sensitive: it describes what a person's integration looked at; only the admin surface reads it.
 */
export interface AccessRecord {
  eventId: string;
  consumerId: string;
  clientId: string;
  method: string;
  route: string;
  url: string;
  status: number;
  requestId: string;
  organizationIds: string[];
  installationIds: string[];
  unitId: string | null;
  deviceIds: string[];
  from: string | null;
  to: string | null;
  rows: number;
  answeredAt: string;
}

/** Filters combine with AND; none lists every record. */
export interface AccessFilter {
  consumerId?: string;
  organizationId?: string;
}

export interface AccessLogWriter {
  /** Appends records; idempotent (a record whose event id is known is skipped). */
  recordAccess(records: AccessRecord[]): Promise<void>;
}

export interface AccessLogReader {
  /** Newest first (answeredAt, then event id); `next` is an opaque position to pass as `after`. */
  listAccess(filter: AccessFilter, page: PageRequest): Promise<Page<AccessRecord>>;
}

export interface AccessLogStore extends AccessLogWriter, AccessLogReader {}

/**
 * The position of a record in the newest-first order, stored beside it and indexed: ISO instants of
 * one length sort as text, and the event id breaks ties, so keyset pagination needs one `$lt`.
 */
export function accessSortKey(record: Pick<AccessRecord, 'answeredAt' | 'eventId'>): string {
  return `${new Date(record.answeredAt).toISOString()}|${record.eventId}`;
}
