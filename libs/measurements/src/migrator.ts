import type { ClickHouseClient } from '@clickhouse/client';
import { bootstrapStatements, migrationStatements, type SchemaOptions } from './migrations.ts';

/**
 * Applies the migrations not yet recorded in `schema_migrations`, in version order, each recorded once
 * its statements succeeded. Statements are idempotent, so a crash between a statement and its record,
 * or two processes migrating at once, only repeats harmless work. Returns the versions applied now.
 */
export async function applyMigrations(client: ClickHouseClient, options: SchemaOptions): Promise<number[]> {
  for (const query of bootstrapStatements(options)) await client.command({ query });
  const rows = await (
    await client.query({
      query: `SELECT DISTINCT version FROM ${options.database}.schema_migrations`,
      format: 'JSONEachRow',
    })
  ).json<{ version: number }>();
  const done = new Set(rows.map((r) => Number(r.version)));
  const applied: number[] = [];
  for (const migration of migrationStatements(options)) {
    if (done.has(migration.version)) continue;
    for (const query of migration.statements) await client.command({ query });
    await client.command({
      query: `INSERT INTO ${options.database}.schema_migrations (version, name, applied_at)
SELECT {version:UInt32}, {name:String}, now64(3)`,
      query_params: { version: migration.version, name: migration.name },
    });
    applied.push(migration.version);
  }
  return applied;
}

/** The stored value of a setting the data depends on, or null before it was first recorded. */
export async function readSetting(client: ClickHouseClient, database: string, name: string): Promise<string | null> {
  const [row] = await (
    await client.query({
      query: `SELECT argMax(value, updated_at) AS value FROM ${database}.store_settings WHERE name = {name:String} HAVING count() > 0`,
      query_params: { name },
      format: 'JSONEachRow',
    })
  ).json<{ value: string }>();
  return row?.value ?? null;
}

export async function writeSetting(
  client: ClickHouseClient,
  database: string,
  name: string,
  value: string,
): Promise<void> {
  await client.command({
    query: `INSERT INTO ${database}.store_settings (name, value, updated_at) SELECT {name:String}, {value:String}, now64(3)`,
    query_params: { name, value },
  });
}

/**
 * Records a setting the stored data depends on the first time, and refuses to start when it differs
 * later: rows written under the old value would silently answer wrong.
 */
export async function pinSetting(
  client: ClickHouseClient,
  database: string,
  name: string,
  value: string,
): Promise<void> {
  const stored = await readSetting(client, database, name);
  if (stored === null) await writeSetting(client, database, name, value);
  else if (stored !== value) {
    throw new Error(
      `the measurements database ${database} was built with ${name}=${stored}, not ${value}: configure ${stored} or rebuild the read model into a new database`,
    );
  }
}
