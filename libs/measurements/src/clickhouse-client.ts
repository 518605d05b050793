import { createClient, type ClickHouseClient, type ClickHouseSettings } from '@clickhouse/client';
import { loadOnFirstUse } from '@medido/platform';
import { CHDB_SESSIONS, sessionPool, type ClientConnection } from './chdb-sessions.ts';

/**
 * Settings that make the server and chDB answer alike: 64-bit integers as JSON numbers (counts stay
 * far below 2^53), UTC session time zone so DateTime text is never shifted by the host's zone.
 */
export const CLIENT_SETTINGS: ClickHouseSettings = {
  output_format_json_quote_64bit_integers: 0,
  session_timezone: 'UTC',
  date_time_input_format: 'best_effort',
};

export type ClickHouseTarget = { url: string } | { chdbPath: string };

const chdbConnection = loadOnFirstUse<typeof import('chdb/connection')>(import.meta.url, 'chdb/connection');

/**
 * One SQL code path for both engines: a ClickHouse server over HTTP, or chDB in-process behind the same
 * @clickhouse/client API (chdb/connection), over a few sessions of its one data directory (chdb-sessions.ts:
 * a session runs one statement at a time). chDB binds one data directory per process. chDB is loaded
 * only when used: server images ship without its native library.
 */
export function createClickHouseClient(target: ClickHouseTarget): ClickHouseClient {
  if ('url' in target)
    return createClient({ url: target.url, clickhouse_settings: CLIENT_SETTINGS, request_timeout: 60_000 });
  const { createChdbConnection } = chdbConnection();
  // chdb bundles its own copy of @clickhouse/client-common's types; the runtime interface is the same.
  const sessions = Array.from(
    { length: CHDB_SESSIONS },
    () => createChdbConnection({ path: target.chdbPath }) as unknown as ClientConnection,
  );
  const connection = sessionPool(sessions);
  return createClient({ connection, clickhouse_settings: CLIENT_SETTINGS });
}
