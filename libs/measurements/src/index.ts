export * from './measurements-store.port.ts';
export * from './clickhouse-client.ts';
export { arrowBytes } from './arrow-table.ts';
export { FRESHNESS_ROW } from './query-statements.ts';
export {
  createClickHouseMeasurementsStore,
  type ClickHouseMeasurementsStore,
  type ClickHouseMeasurementsStoreOptions,
} from './clickhouse-measurements-store.ts';
export {
  migrationStatements,
  bootstrapStatements,
  assertSchemaOptions,
  type Migration,
  type SchemaOptions,
} from './migrations.ts';
export { bucketsOf, bucketIndex, localDay, HOUR, type Buckets, type Grid } from './buckets.ts';
export { planQuery, tiles, validateQuery, type Plan, type PlannerContext } from './query-planner.ts';
export { isValidTimeZone, assertTimeZone, canonicalTimeZone, offsetAt } from './time-zones.ts';
export { answerDecimals, roundTo, DEFAULT_DECIMALS } from './decimals.ts';
export { createMeasurementsStore, EMBEDDED_CHDB_DIR } from './create-measurements-store.ts';
export { startRollupMaintenance, type RollupMaintenance, type RollupMaintenanceOptions } from './rollup-maintenance.ts';
export { ReadingsRefusedError, isReadingsRefused } from './readings-refused.ts';
