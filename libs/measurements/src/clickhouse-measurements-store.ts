import type { ClickHouseClient } from '@clickhouse/client';
import { MedidoError } from '@medido/platform';
import type {
  LatestReading,
  MeasurementsQuery,
  MeasurementsStore,
  PlannedStatement,
  QueryPlan,
  RegisterStatement,
  RollupRefresh,
  SeriesKey,
  SeriesRequest,
  SeriesResult,
  StoredListener,
  StoredReading,
} from './measurements-store.port.ts';
import { registerStatements } from './register-statements.ts';
import { latestReadings } from './latest-readings.ts';
import { assertSchemaOptions } from './migrations.ts';
import { applyMigrations, pinSetting, readSetting, writeSetting } from './migrator.ts';
import { bucketTableOf } from './arrow-table.ts';
import { newestPerDevice } from './batch-series.ts';
import { bucketPoints, concatTables, rawAnswer, rowsBySeries, type RawRow } from './points.ts';
import { bucketStatements, bucketStatementsInTurn } from './query-composer.ts';
import { predecessorsFound } from './rollup-answer-statement.ts';
import { planQuery, type Plan } from './query-planner.ts';
import {
  columnsFor,
  freshnessStatement,
  rawAnswerStatement,
  seriesKey,
  seriesKeys,
  type Column,
  type SeriesKeys,
} from './query-statements.ts';
import { assertStorable, refusedOnBadData } from './readings-refused.ts';
import { writeReadings } from './readings-writer.ts';
import { refreshRollups } from './rollup-refresh.ts';
import { assertTimeZone } from './time-zones.ts';
import { zoneRulesFingerprint } from './zone-rules.ts';

export interface ClickHouseMeasurementsStoreOptions {
  client: ClickHouseClient;
  /** Validated identifier (letters, digits, _). */
  database: string;
  /** ClickHouse cluster name: Replicated + Distributed tables ON CLUSTER (MEDIDO_CLICKHOUSE_CLUSTER). */
  cluster?: string | undefined;
  /** Zone of the 1 d rollup; pinned at the first migrate(). Default America/Santiago. */
  rollupTimezone?: string | undefined;
  /** close() also closes the client (default false: whoever created the client closes it). */
  ownsClient?: boolean | undefined;
}

export interface ClickHouseMeasurementsStore extends MeasurementsStore {
  explain(query: MeasurementsQuery): Promise<QueryPlan>;
  /** False when the rollup zone's rules changed since the 1 d rollup was built (queries then compose hours). */
  dayRollupUsable(): Promise<boolean>;
  refreshRollups(): Promise<RollupRefresh>;
  latest(series: SeriesKey[]): Promise<LatestReading[]>;
  registerStatements(series: SeriesKey[], from: number, to: number): Promise<RegisterStatement[]>;
  onStored(listener: StoredListener): () => void;
}

export function createClickHouseMeasurementsStore(
  options: ClickHouseMeasurementsStoreOptions,
): ClickHouseMeasurementsStore {
  const { client, database: db } = options;
  const cluster = options.cluster || undefined;
  const tz = options.rollupTimezone ?? 'America/Santiago';
  assertSchemaOptions({ database: db, cluster });
  assertTimeZone(tz);
  let dayRollup: Promise<boolean> | undefined;
  /** Compares the zone rules the 1 d rollup was built with to the runtime's, once per process. */
  const dayRollupUsable = () =>
    (dayRollup ??= (async () => {
      const rules = zoneRulesFingerprint(tz);
      const stored = await readSetting(client, db, 'rollup_zone_rules');
      if (stored === null) await writeSetting(client, db, 'rollup_zone_rules', rules);
      return stored === null || stored === rules;
    })().catch((e: unknown) => {
      dayRollup = undefined;
      throw e;
    }));

  /** Told of every stored write (onStored). */
  const storedListeners = new Set<StoredListener>();

  const rows = async <T>(s: PlannedStatement): Promise<T[]> =>
    (await client.query({ query: s.sql, query_params: s.params, format: 'JSONCompactEachRow' })).json<T>();

  /**
   * The statements of a query, running the predecessor lookups they depend on; `inTurn`: a rollup answer
   * with its lookups as statements of their own (when its one statement's bounded lookup fell short).
   */
  async function prepare(
    query: MeasurementsQuery,
    inTurn = false,
  ): Promise<{ plan: Plan; keys: SeriesKeys; columns: Column[]; statements: PlannedStatement[] }> {
    const plan = planQuery(query, { rollupTimezone: tz, dayRollupUsable: await dayRollupUsable() });
    const keys = seriesKeys(query.series);
    const columns = columnsFor(query.series.flatMap(aggregationsOf));
    // A raw answer's freshness rows come with its readings; a bucket answer looks them up beside its own.
    if (!plan.buckets) return { plan, keys, columns, statements: [rawAnswerStatement(db, keys, query.from, query.to)] };
    const composition = { run: rows, db, source: plan.source, buckets: plan.buckets, query, keys, columns };
    const buckets = await (inTurn ? bucketStatementsInTurn : bucketStatements)(composition);
    return { plan, keys, columns, statements: [freshnessStatement(db, keys), ...buckets] };
  }

  /** The bucket statements' rows as one table, and whether each statement's own lookups held. */
  async function bucketRows(statements: PlannedStatement[], columns: Column[]) {
    const answers = statements.filter((s) => s.role === 'points');
    const tables = await Promise.all(answers.map((s) => bucketTableOf(client, s, columns)));
    const held = answers.every((s, k) => {
      if (s.predecessorsNeeded === undefined) return true;
      const t = tables[k]!;
      const found = predecessorsFound(t.column('s'), t.column('b'), t.length);
      return found === null || found >= s.predecessorsNeeded;
    });
    return { table: concatTables(tables, columns), held };
  }

  return {
    async migrate() {
      await applyMigrations(client, { database: db, cluster });
      await pinSetting(client, db, 'rollup_timezone', tz);
      dayRollup = undefined;
      await dayRollupUsable();
    },

    async insert(readings: StoredReading[], dedupToken: string) {
      assertStorable(readings);
      await refusedOnBadData(() =>
        writeReadings({ client, database: db, cluster: Boolean(cluster) }, readings, dedupToken),
      );
      if (storedListeners.size === 0 || readings.length === 0) return;
      const newest = newestPerDevice(readings);
      for (const listener of storedListeners) {
        try {
          listener(newest);
        } catch {
          // The readings are stored: a listener's own fault must not turn this write into a failed one.
        }
      }
    },

    onStored(listener: StoredListener) {
      storedListeners.add(listener);
      return () => storedListeners.delete(listener);
    },

    async query(query: MeasurementsQuery): Promise<SeriesResult[]> {
      if (query.series.length === 0) {
        planQuery(query, { rollupTimezone: tz, dayRollupUsable: false });
        return [];
      }
      const { plan, keys, columns, statements } = await prepare(query);
      const index = new Map(keys.keys.map((k, i) => [k, keys.idx[i]!]));
      if (!plan.buckets) {
        const { ingested, bySeries } = rawAnswer(await rows<RawRow>(statements[0]!));
        return query.series.map((s) => {
          const i = index.get(seriesKey(s.deviceId, s.variable))!;
          return {
            deviceId: s.deviceId,
            variable: s.variable,
            aggregation: s.aggregation,
            points: bySeries.get(i) ?? [],
            lastIngestedAt: ingested.get(i) ?? null,
          };
        });
      }
      // Rollup rows and raw rows (dirty buckets) answer disjoint buckets: one table.
      const freshness = rows<[number, number]>(statements.find((s) => s.role === 'freshness')!);
      const [freshRows, first] = await Promise.all([freshness, bucketRows(statements, columns)]);
      // A series silent longer than the bounded lookup reaches: the answer again, with lookups in turn.
      const { table } = first.held ? first : await bucketRows((await prepare(query, true)).statements, columns);
      const ingested = new Map(freshRows.map(([s, t]) => [s, t]));
      const bySeries = rowsBySeries(table, plan.buckets);
      return answered(query.series).map((s) => {
        const i = index.get(seriesKey(s.deviceId, s.variable))!;
        return {
          deviceId: s.deviceId,
          variable: s.variable,
          aggregation: s.aggregation,
          points: bucketPoints(aggregationsOf(s), bySeries.get(i), table, plan.buckets!),
          lastIngestedAt: ingested.get(i) ?? null,
        };
      });
    },

    dayRollupUsable,

    refreshRollups: () => refreshRollups({ client, database: db, cluster, rollupTimezone: tz }),

    async explain(query: MeasurementsQuery): Promise<QueryPlan> {
      const { plan, statements } = await prepare(query);
      return { source: plan.source, statements };
    },

    async lastSeen(deviceIds: string[]) {
      if (deviceIds.length === 0) return new Map();
      const result = await rows<[string, number]>({
        role: 'freshness',
        sql: `SELECT device_id, toUnixTimestamp64Milli(max(last_ts)) FROM ${db}.series_latest WHERE device_id IN {ids:Array(String)} GROUP BY device_id`,
        params: { ids: deviceIds },
      });
      return new Map(result.map(([d, t]) => [d, Number(t)]));
    },

    latest: (series) => latestReadings(client, db, series),

    registerStatements: (series, from, to) => registerStatements(rows, db, series, from, to),

    async ping() {
      const result = await client.ping();
      if (!result.success)
        throw new MedidoError('DEPENDENCY_UNAVAILABLE', 'ClickHouse is unreachable', { cause: result.error });
    },

    async close() {
      if (options.ownsClient) await client.close();
    },
  };
}

const aggregationsOf = (s: SeriesRequest) => (s.aggregations?.length ? s.aggregations : [s.aggregation]);

/** The series that get a result: each ungrouped one and the first of each group, in request order. */
function answered<S extends { group?: string | undefined }>(series: S[]): S[] {
  const seen = new Set<string>();
  return series.filter((s) => s.group === undefined || (!seen.has(s.group) && Boolean(seen.add(s.group))));
}
