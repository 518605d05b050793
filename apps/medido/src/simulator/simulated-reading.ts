import type { ReadingQuality } from '@medido/contracts';

/**
 * One reading of `POST /v1/ingest/measurements` (schema `SimulatedReading`). Spelled out rather than
 * `Static<SimulatedReading>`: that schema's `quality` union is built with `.map`, which TypeBox's static
 * type reads as `never`. The unit tests validate generated readings against the schema itself.
 */
export interface SimulatedReading {
  deviceId: string;
  variable: string;
  /** ISO 8601, UTC, with milliseconds. */
  ts: string;
  value: number;
  quality?: ReadingQuality;
}
