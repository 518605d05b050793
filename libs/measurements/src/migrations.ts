/**
 * The measurements schema as versioned migrations. Every statement is idempotent (IF NOT EXISTS), so a
 * migration interrupted half-way, or run by two processes at once, converges when run again.
 *
 * Single node: plain MergeTree-family tables named `readings`, `rollups`, `series_latest`.
 * Cluster (`cluster` set): the same migrations run ON CLUSTER; each table becomes a Replicated*MergeTree
 * `<name>_local` on every host plus a Distributed `<name>` sharded by cityHash64(device_id), so the
 * store's queries are the same SQL in both modes (see docs/clickhouse-cluster.md). Small metadata
 * tables replicate to every host of the cluster (one replication path for all shards).
 */

export interface SchemaOptions {
  database: string;
  cluster?: string | undefined;
}
export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const CLUSTER_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;

/** Database and cluster names come from configuration; they are validated, never taken from requests. */
export function assertSchemaOptions({ database, cluster }: SchemaOptions): void {
  if (!IDENTIFIER.test(database))
    throw new Error(`invalid ClickHouse database name ${JSON.stringify(database)}: use letters, digits and _`);
  if (cluster && !CLUSTER_NAME.test(cluster))
    throw new Error(`invalid ClickHouse cluster name ${JSON.stringify(cluster)}`);
}

/** Enough recent insert tokens to recognise a batch retried after a long outage of the projector. */
const DEDUP_WINDOW = 10_000;

export function bootstrapStatements(options: SchemaOptions): string[] {
  assertSchemaOptions(options);
  const s = schema(options);
  return [
    `CREATE DATABASE IF NOT EXISTS ${options.database}${s.on}`,
    `CREATE TABLE IF NOT EXISTS ${s.db}.schema_migrations${s.on} (version UInt32, name String, applied_at DateTime64(3, 'UTC'))
ENGINE = ${s.everywhere('ReplacingMergeTree', 'schema_migrations', 'applied_at')} ORDER BY version`,
  ];
}

export function migrationStatements(options: SchemaOptions): Migration[] {
  assertSchemaOptions(options);
  const s = schema(options);
  return [
    {
      version: 1,
      name: 'readings',
      // Ordered for (device, variable, ts) range scans; the sorting key is the identity of a reading, so
      // ReplacingMergeTree keeps one row per reading (the latest ingested) and FINAL reads exactly that.
      statements: s.sharded(
        'readings',
        `(
  device_id LowCardinality(String),
  variable LowCardinality(String),
  ts DateTime64(3, 'UTC') CODEC(DoubleDelta, ZSTD(1)),
  value Float64 CODEC(Gorilla, ZSTD(1)),
  quality Enum8('measured' = 1, 'estimated' = 2, 'substituted' = 3),
  ingested_at DateTime64(3, 'UTC') CODEC(DoubleDelta, ZSTD(1))
) ENGINE = ${s.engine('ReplacingMergeTree', 'readings', 'ingested_at')}
PARTITION BY toYYYYMM(ts)
ORDER BY (device_id, variable, ts)
SETTINGS ${options.cluster ? 'replicated_deduplication_window' : 'non_replicated_deduplication_window'} = ${DEDUP_WINDOW}`,
      ),
    },
    {
      version: 2,
      name: 'rollups',
      // One row per (resolution, series, bucket), recomputed from deduplicated readings after every
      // insert; the newest computation (version) wins (see rollup-recompute.ts). Resolution leads the
      // key: every read is for one resolution, and a series' 1 d rows then sit together instead of
      // being spread across the granules of its far more numerous 15 min rows.
      statements: s.sharded(
        'rollups',
        `(
  device_id LowCardinality(String),
  variable LowCardinality(String),
  resolution Enum8('15m' = 1, '1h' = 2, '1d' = 3),
  bucket_start DateTime64(3, 'UTC'),
  reading_count UInt32,
  value_sum Float64,
  value_min Float64,
  value_max Float64,
  first_ts DateTime64(3, 'UTC'),
  first_value Float64,
  last_ts DateTime64(3, 'UTC'),
  last_value Float64,
  delta_sum Float64,
  delta_count UInt32,
  version DateTime64(6, 'UTC')
) ENGINE = ${s.engine('ReplacingMergeTree', 'rollups', 'version')}
PARTITION BY toYYYYMM(bucket_start)
ORDER BY (resolution, device_id, variable, bucket_start)`,
      ),
    },
    {
      version: 3,
      name: 'series_latest',
      // max() is idempotent and order-free, so this materialized view stays exact under re-sent readings,
      // retried batches and late data: it only ever answers "latest reading" and "latest ingestion".
      statements: [
        ...s.sharded(
          'series_latest',
          `(
  device_id LowCardinality(String),
  variable LowCardinality(String),
  last_ts SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
  last_ingested_at SimpleAggregateFunction(max, DateTime64(3, 'UTC'))
) ENGINE = ${s.engine('AggregatingMergeTree', 'series_latest')}
ORDER BY (device_id, variable)`,
        ),
        `CREATE MATERIALIZED VIEW IF NOT EXISTS ${s.db}.series_latest_mv${s.on} TO ${s.db}.series_latest${s.local}
AS SELECT device_id, variable, max(ts) AS last_ts, max(ingested_at) AS last_ingested_at
FROM ${s.db}.readings${s.local} GROUP BY device_id, variable`,
      ],
    },
    {
      version: 4,
      name: 'store_settings',
      // Settings the stored data depends on (the zone of the 1 d rollup), checked at every start.
      statements: [
        `CREATE TABLE IF NOT EXISTS ${s.db}.store_settings${s.on} (name String, value String, updated_at DateTime64(3, 'UTC'))
ENGINE = ${s.everywhere('ReplacingMergeTree', 'store_settings', 'updated_at')} ORDER BY name`,
      ],
    },
    {
      version: 5,
      name: 'rollup_dirty',
      // The durable list of what the rollups do not yet include: one row per (write, series) with the
      // ts range the write brought, added after the write's readings and deleted (by mark_id) once a
      // recompute that read them has been stored (see rollup-refresh.ts). Queries serve raw readings
      // for the buckets these rows can have changed, so answers are exact whatever the rollups' lag.
      statements: s.sharded(
        'rollup_dirty',
        `(
  device_id LowCardinality(String),
  variable LowCardinality(String),
  first_ts DateTime64(3, 'UTC'),
  last_ts DateTime64(3, 'UTC'),
  mark_id UUID,
  marked_at DateTime64(3, 'UTC')
) ENGINE = ${s.engine('MergeTree', 'rollup_dirty')}
ORDER BY (device_id, variable, mark_id)`,
      ),
    },
    {
      version: 6,
      name: 'rollup_quality_counts',
      // Readings per quality in each rollup row (measured = reading_count − the other two), for the
      // readings in the bucket (role 0) and for the readings closing its increases (delta), so answers
      // carry them without rescanning readings. Rows written before this migration hold 0: every series
      // with a non-measured reading gets a dirty mark over their span, so the background refresh
      // rewrites exactly the rows that can be wrong, and until then queries answer those buckets from
      // raw readings (query-composer.ts): exact throughout. Run twice, it only marks twice (one more
      // recompute); rows of measured-only series are right with the defaults.
      statements: [
        ...s.altered(
          'rollups',
          QUALITY_COLUMNS.map((c) => `ADD COLUMN IF NOT EXISTS ${c} UInt32 DEFAULT 0`).join(', '),
        ),
        `INSERT INTO ${s.db}.rollup_dirty (device_id, variable, first_ts, last_ts, mark_id, marked_at)${options.cluster ? '\nSETTINGS distributed_foreground_insert = 1' : ''}
SELECT device_id, variable, min(ts), max(ts), generateUUIDv4(), now64(3)
FROM ${s.db}.readings WHERE quality != 'measured' GROUP BY device_id, variable`,
      ],
    },
    {
      version: 7,
      name: 'series_newest',
      // The newest reading of each series in one row, for latest values: argMax by (ts, ingested_at) picks
      // the newest ts and, among its copies, the latest ingested, as ReplacingMergeTree(ingested_at) keeps
      // it; argMax states merge in any order and any number of times, so re-sent readings, retried batches
      // and late data leave it exact. The view is created before the readings already stored are folded
      // in, so a write during the migration is in one or both (folding twice changes nothing), and a
      // migration interrupted before its record is run again the same way.
      statements: [
        ...s.sharded(
          'series_newest',
          `(
  device_id LowCardinality(String),
  variable LowCardinality(String),
  newest AggregateFunction(argMax, ${NEWEST_READING}, Tuple(DateTime64(3, 'UTC'), DateTime64(3, 'UTC')))
) ENGINE = ${s.engine('AggregatingMergeTree', 'series_newest')}
ORDER BY (device_id, variable)`,
        ),
        `CREATE MATERIALIZED VIEW IF NOT EXISTS ${s.db}.series_newest_mv${s.on} TO ${s.db}.series_newest${s.local}
AS ${newestStateOf(`${s.db}.readings${s.local}`)}`,
        `INSERT INTO ${s.db}.series_newest${options.cluster ? '\nSETTINGS distributed_foreground_insert = 1' : ''}
${newestStateOf(`${s.db}.readings`)}`,
      ],
    },
  ];
}

/** What `series_newest` keeps of a series' newest reading: value, quality, ts, ingested_at. */
const NEWEST_READING = `Tuple(Float64, Enum8('measured' = 1, 'estimated' = 2, 'substituted' = 3), DateTime64(3, 'UTC'), DateTime64(3, 'UTC'))`;

const newestStateOf = (readings: string) =>
  `SELECT device_id, variable, argMaxState((value, quality, ts, ingested_at), (ts, ingested_at)) AS newest
FROM ${readings} GROUP BY device_id, variable`;

/** Per-quality counts of a rollup row: readings in the bucket, then readings closing its increases. */
export const QUALITY_COLUMNS = [
  'estimated_count',
  'substituted_count',
  'delta_estimated_count',
  'delta_substituted_count',
] as const;

function schema({ database, cluster }: SchemaOptions) {
  const on = cluster ? ` ON CLUSTER \`${cluster}\`` : '';
  const local = cluster ? '_local' : '';
  const replicated = (engine: string, path: string, args: string[]) =>
    `Replicated${engine}(${[`'/clickhouse/tables/${path}'`, `'{replica}'`, ...args].join(', ')})`;
  return {
    db: database,
    on,
    local,
    /** Engine of a sharded table's local part. */
    engine: (engine: string, table: string, ...args: string[]) =>
      cluster ? replicated(engine, `{shard}/${database}/${table}_local`, args) : `${engine}(${args.join(', ')})`,
    /** Engine of a small table every host holds in full. */
    everywhere: (engine: string, table: string, ...args: string[]) =>
      cluster ? replicated(engine, `all/${database}/${table}`, args) : `${engine}(${args.join(', ')})`,
    /** ALTER statements of a sharded table: itself, or its local part and then its Distributed table. */
    altered: (table: string, change: string) =>
      cluster
        ? [`ALTER TABLE ${database}.${table}_local${on} ${change}`, `ALTER TABLE ${database}.${table}${on} ${change}`]
        : [`ALTER TABLE ${database}.${table} ${change}`],
    /** CREATE statements of a table: itself, or its local part plus a Distributed table sharded by device. */
    sharded: (table: string, body: string) =>
      cluster
        ? [
            `CREATE TABLE IF NOT EXISTS ${database}.${table}_local${on} ${body}`,
            `CREATE TABLE IF NOT EXISTS ${database}.${table}${on} AS ${database}.${table}_local
ENGINE = Distributed('${cluster}', ${database}, ${table}_local, cityHash64(device_id))`,
          ]
        : [`CREATE TABLE IF NOT EXISTS ${database}.${table} ${body}`],
  };
}
