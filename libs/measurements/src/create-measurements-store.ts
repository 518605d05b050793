import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '@medido/platform';
import { createClickHouseClient } from './clickhouse-client.ts';
import {
  createClickHouseMeasurementsStore,
  type ClickHouseMeasurementsStore,
} from './clickhouse-measurements-store.ts';

export const EMBEDDED_CHDB_DIR = 'chdb';

/**
 * The measurements store a process gets from its configuration: a ClickHouse server when
 * MEDIDO_CLICKHOUSE_URL is set, else chDB in-process under `<MEDIDO_DATA_DIR>/chdb` — the same SQL either way.
 */
export function createMeasurementsStore(
  config: Pick<
    Config,
    'MEDIDO_CLICKHOUSE_URL' | 'MEDIDO_CLICKHOUSE_DATABASE' | 'MEDIDO_CLICKHOUSE_CLUSTER' | 'MEDIDO_DATA_DIR'
  > &
    Partial<Pick<Config, 'MEDIDO_ROLLUP_TIMEZONE'>>,
): ClickHouseMeasurementsStore {
  let target: { url: string } | { chdbPath: string };
  if (config.MEDIDO_CLICKHOUSE_URL) target = { url: config.MEDIDO_CLICKHOUSE_URL };
  else {
    const chdbPath = join(config.MEDIDO_DATA_DIR, EMBEDDED_CHDB_DIR);
    mkdirSync(chdbPath, { recursive: true, mode: 0o700 });
    target = { chdbPath };
  }
  return createClickHouseMeasurementsStore({
    client: createClickHouseClient(target),
    ownsClient: true,
    database: config.MEDIDO_CLICKHOUSE_DATABASE,
    cluster: config.MEDIDO_CLICKHOUSE_CLUSTER || undefined,
    rollupTimezone: config.MEDIDO_ROLLUP_TIMEZONE || undefined,
  });
}
