import { apiSuite } from '../suites/api.suite.ts';
import { freshnessSuite, PROBE_DEVICE } from '../suites/freshness.suite.ts';
import { ingestSuite } from '../suites/ingest.suite.ts';
import { kafkaSuite } from '../suites/kafka.suite.ts';
import { latestSuite } from '../suites/latest.suite.ts';
import { memorySuite } from '../suites/memory.suite.ts';
import { querySuite } from '../suites/queries.suite.ts';
import { webhooksSuite } from '../suites/webhooks.suite.ts';
import { seedCatalog } from './catalog-seed.ts';
import { measurementsGroup, type BenchContext, type BenchMode, type ServerContext } from './context.ts';
import { catalogEvents, fleetBodies, fleetOf, type FleetShape } from './fleet.ts';
import { HttpClient } from './http-client.ts';
import { postAll } from './ingest-load.ts';
import { GroupLag } from './kafka-lag.ts';
import type { BenchRow } from './report.ts';
import { startBenchServer, type IngestorPlacement } from './server.ts';
import { fleetEnd, FLEETS } from './shapes.ts';
import { eventually } from '@medido/platform/testing/eventually';

export const SUITES = ['kafka', 'api', 'memory', 'ingest', 'freshness', 'queries', 'latest', 'webhooks'] as const;
export type SuiteName = (typeof SUITES)[number];

export interface BenchOptions extends BenchContext {
  suites: SuiteName[];
  cpuProfileDir?: string;
  /** More environment for the server (e.g. MEDIDO_MONGO_URL='' for the embedded node:sqlite catalog). */
  serverEnv?: Record<string, string>;
  /** Another fleet than the mode's (experiments). */
  fleet?: FleetShape;
  /** Where the ingest, freshness and query suites post readings (server.ts): embedded by default. */
  ingestor?: IngestorPlacement;
}

/**
 * Runs the suites in a fixed order: the Kafka-client and API suites on their own, then one server
 * (the embedded default on Kafka, FerretDB and chDB) that ingests the fleet — the ingest suite times it,
 * the query suite reads it — and keeps a steady load for the freshness suite.
 */
export async function runBench(options: BenchOptions): Promise<BenchRow[]> {
  const ctx: BenchContext = {
    mode: options.mode,
    kafkaBrokers: options.kafkaBrokers,
    mongoUrl: options.mongoUrl,
    log: options.log,
  };
  const selected = new Set(options.suites);
  const rows: BenchRow[] = [];
  // A suite that fails leaves an error row and the others still run: one table, whatever happens.
  const run = async (name: SuiteName, suite: () => Promise<BenchRow[]>) => {
    try {
      rows.push(...(await suite()));
    } catch (error) {
      options.log(`${name} failed: ${(error as Error).stack ?? String(error)}`);
      rows.push({
        id: `${name}.error`,
        metric: `${name} suite FAILED`,
        value: Number.NaN,
        unit: '',
        note: (error as Error).message,
      });
    }
  };
  if (selected.has('kafka')) await run('kafka', () => kafkaSuite(ctx));
  if (selected.has('api')) await run('api', () => apiSuite(ctx));
  // Its own embedded process (chDB, no Kafka): the RSS it measures is the export's alone.
  if (selected.has('memory')) await run('memory', () => memorySuite(ctx));
  // Its own embedded process too: started with the webhook allow-list admitting its loopback receiver.
  if (selected.has('webhooks')) await run('webhooks', () => webhooksSuite(ctx));
  if (!['ingest', 'freshness', 'queries', 'latest'].some((s) => selected.has(s as SuiteName))) return rows;

  options.log('starting the server (embedded default on Kafka, FerretDB, chDB)');
  const server = await startBenchServer({
    kafkaBrokers: options.kafkaBrokers,
    mongoUrl: options.mongoUrl,
    ...(options.cpuProfileDir ? { cpuProfileDir: options.cpuProfileDir } : {}),
    ...(options.serverEnv ? { env: options.serverEnv } : {}),
    ...(options.ingestor ? { ingestor: options.ingestor } : {}),
  });
  const http = new HttpClient();
  try {
    // The latest row alone needs the fleet's meters, not its year of history: a day of it loads in seconds.
    const latestOnly = !['ingest', 'freshness', 'queries'].some((s) => selected.has(s as SuiteName));
    const shape =
      options.fleet ?? (latestOnly ? { ...FLEETS[options.mode], historyDays: 1, recentDays: 0 } : FLEETS[options.mode]);
    const fleet = fleetOf(shape, fleetEnd());
    const serverCtx: ServerContext = { ...ctx, server, fleet, http };
    await seedCatalog(
      http,
      server.url,
      server.ingestToken,
      await server.accessToken(),
      catalogEvents(fleet, [{ deviceId: PROBE_DEVICE, unit: 0 }]),
      PROBE_DEVICE,
    );
    if (selected.has('ingest')) await run('ingest', () => ingestSuite(serverCtx));
    else if (selected.has('queries') || selected.has('latest')) await loadFleet(serverCtx);
    if (selected.has('queries')) await run('queries', () => querySuite(serverCtx));
    if (selected.has('latest')) await run('latest', () => latestSuite(serverCtx));
    if (selected.has('freshness')) await run('freshness', () => freshnessSuite(serverCtx));
  } finally {
    http.close();
    await server.close();
  }
  return rows;
}

/** The fleet's readings, untimed (for the query suite when the ingest suite is not run). */
async function loadFleet(ctx: ServerContext): Promise<void> {
  ctx.log('loading the fleet for the queries');
  await postAll(ctx.http, ctx.server.ingestUrl, ctx.server.ingestToken, fleetBodies(ctx.fleet), 8);
  const lag = new GroupLag(ctx.kafkaBrokers);
  const { groupId, topic } = measurementsGroup(ctx.server);
  try {
    await eventually(
      async () => (await lag.pending(groupId, topic)) === 0,
      'the projector to catch up',
      3_600_000,
      200,
    );
  } finally {
    await lag.close();
  }
}

export type { BenchMode };
