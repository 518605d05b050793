import { fleetBodies, fleetReadings } from '../harness/fleet.ts';
import { postAll } from '../harness/ingest-load.ts';
import { GroupLag } from '../harness/kafka-lag.ts';
import { measurementsGroup, type ServerContext } from '../harness/context.ts';
import { rowWithBaseline, type BenchRow } from '../harness/report.ts';
import { elapsedMs } from '../harness/stats.ts';
import { eventually } from '@medido/platform/testing/eventually';

const CONCURRENCY = 8;
/** Rows per INSERT of the bulk baseline: large blocks, the engine's best case. */
const BULK_ROWS_PER_INSERT = 1_000_000;

/**
 * Ingest end to end: the whole fleet through POST /v1/ingest/measurements, Kafka and the projector, timed
 * until the projector has committed the last record (it commits only after the write, so every reading is
 * then queryable), then checked by counting the stored readings. Baseline: the engine's own bulk insert
 * of the same rows into a plain MergeTree, in the same process and run.
 */
export async function ingestSuite(ctx: ServerContext): Promise<BenchRow[]> {
  const { server, fleet } = ctx;
  const expected = fleetReadings(fleet);
  const lag = new GroupLag(ctx.kafkaBrokers);
  const { groupId, topic } = measurementsGroup(server);
  try {
    ctx.log(
      `ingest: ${expected.toLocaleString('en-US')} readings of ${fleet.meters.length} meters, ${fleet.readingsPerRequest} per request, ${CONCURRENCY} connections`,
    );
    const started = performance.now();
    const sent = await postAll(ctx.http, server.ingestUrl, server.ingestToken, fleetBodies(fleet), CONCURRENCY);
    if (sent.readings !== expected) throw new Error(`sent ${sent.readings} readings, the fleet has ${expected}`);
    await eventually(
      async () => (await lag.pending(groupId, topic)) === 0,
      'the projector to catch up',
      3_600_000,
      100,
    );
    const seconds = elapsedMs(started) / 1000;
    const stored = await server.request<number>({ op: 'count-readings' });
    if (stored !== expected) throw new Error(`the store holds ${stored} readings, ${expected} were acknowledged`);
    const acceptSeconds = (sent.lastAckAt - started) / 1000;

    ctx.log('ingest: bulk-insert baseline');
    const bulk = await server.request<{ rows: number; insertMs: number }>({
      op: 'bulk-insert',
      shape: fleet,
      end: fleet.end,
      rowsPerChunk: BULK_ROWS_PER_INSERT,
    });
    const bulkRate = bulk.rows / (bulk.insertMs / 1000);
    return [
      rowWithBaseline({
        id: 'ingest.end-to-end',
        metric: `ingest end to end (${(expected / 1e6).toFixed(2)} M readings, ${seconds.toFixed(0)} s)`,
        value: expected / seconds,
        unit: 'readings/s',
        baseline: { value: bulkRate, label: 'engine bulk insert, plain MergeTree' },
        targets: [
          { on: 'value', op: '>=', limit: 100_000, unit: '/s' },
          { on: 'ratio', op: '>=', limit: 0.5 },
        ],
        note: `HTTP → Kafka → projector → chDB, the ${server.ingestor} ingestor; timed until the projector committed the last record; ${stored} readings counted in the store afterwards`,
      }),
      {
        id: 'ingest.accepted',
        metric: 'ingestor acknowledged (202)',
        value: sent.readings / acceptSeconds,
        unit: 'readings/s',
        note: `${sent.requests} requests of up to ${fleet.readingsPerRequest} readings answered 202 in ${acceptSeconds.toFixed(1)} s`,
      },
    ];
  } finally {
    await lag.close();
  }
}
