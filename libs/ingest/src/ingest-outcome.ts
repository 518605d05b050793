import type { Rejection } from './measurements/reading-check.ts';

/** Which items an ingest request carried, for the host's metrics. */
export type IngestedItems = 'readings' | 'catalog events';

/** Called once an ingest request's items are acknowledged: how many accepted, which refused, of what kind. */
export type OnIngested = (accepted: number, rejected: Rejection[], items: IngestedItems) => void;
