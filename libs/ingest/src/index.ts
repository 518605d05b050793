export * from './ingestor.plugin.ts';
export * from './ingest-limits.ts';
export type { IngestedItems, OnIngested } from './ingest-outcome.ts';
export * from './ingest.schema.ts';
export * from './credentials/credentials.ts';
export type { ConsumerDirectory, ConsumerView } from './admin/consumer-directory.ts';
export { checkReading, MalformedLine, type Rejection } from './measurements/reading-check.ts';
export { NDJSON_CONTENT_TYPE } from './measurements/ndjson-body.ts';
export { publishOrUnavailable } from './publish-or-unavailable.ts';
