/**
 * Documented limits of the ingest endpoints (also stated in the OpenAPI document). The body size
 * limit is configuration (MEDIDO_INGEST_MAX_BODY_BYTES); these bound the work one request can cause.
 */
export const INGEST_LIMITS = {
  /** Readings in one `POST /v1/ingest/measurements` (JSON or NDJSON); more is 413 INGEST_BATCH_TOO_LARGE. */
  maxReadingsPerRequest: 100_000,
  /**
   * Readings per MeasurementsRecorded event. A device's readings are split into events of at most
   * this many, so one Kafka record stays far below the broker's 1 MiB record limit (~200 kB).
   */
  readingsPerEvent: 2_000,
  /** Events in one `POST /v1/ingest/catalog`. */
  maxCatalogEventsPerRequest: 10_000,
} as const;

/** Seconds a client should wait before retrying after 503 EVENT_BUS_UNAVAILABLE. */
export const BUS_RETRY_AFTER_SECONDS = 5;
