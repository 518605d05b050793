/**
 * The bench suite: one command, one table. Every figure is compared with a baseline measured in the same
 * run on the same machine (ratios survive the noise of a shared 2-core box; absolute rates do not).
 *
 *   npm run bench                 # full run (≈ 10 min on 2 cores): the figures in docs/benchmarks.md
 *   npm run bench -- --smoke      # every row on tiny sizes, < 60 s (CI runs it; its timings mean nothing)
 *   npm run bench -- --only ingest,queries   # some suites (kafka, api, memory, ingest, freshness, queries, latest, webhooks)
 *   npm run bench -- --json out.json         # also write the rows as JSON
 *   npm run bench -- --cpu-prof dir          # V8 CPU profile of the server (node --cpu-prof) into dir
 *   npm run bench -- --catalog sqlite        # catalog on the embedded node:sqlite instead of FerretDB
 *   npm run bench -- --ingestor standalone   # readings to the ingestor app in its own process (default: the server's own role)
 *
 * Services: Kafka and FerretDB of `npm run infra -- up` (MEDIDO_KAFKA_BROKERS / MEDIDO_MONGO_URL override).
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { runBench, SUITES, type SuiteName } from './harness/runner.ts';
import { renderNotes, renderTable } from './harness/report.ts';

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    only: { type: 'string' },
    json: { type: 'string' },
    'cpu-prof': { type: 'string' },
    catalog: { type: 'string', default: 'mongo' },
    ingestor: { type: 'string', default: 'embedded' },
  },
});
const only = values.only ? values.only.split(',').map((s) => s.trim()) : [...SUITES];
const unknown = only.filter((s) => !SUITES.includes(s as SuiteName));
if (unknown.length > 0) {
  console.error(`unknown suite ${unknown.join(', ')}; suites: ${SUITES.join(', ')}`);
  process.exit(2);
}

if (values.ingestor !== 'standalone' && values.ingestor !== 'embedded') {
  console.error(`unknown --ingestor ${values.ingestor}; standalone or embedded`);
  process.exit(2);
}

const mode = values.smoke ? 'smoke' : 'full';
const started = new Date();
const rows = await runBench({
  mode,
  suites: only as SuiteName[],
  kafkaBrokers: (process.env.MEDIDO_KAFKA_BROKERS || '127.0.0.1:19092').split(','),
  mongoUrl: process.env.MEDIDO_MONGO_URL || 'mongodb://127.0.0.1:27027',
  ...(values['cpu-prof'] ? { cpuProfileDir: values['cpu-prof'] } : {}),
  ...(values.catalog === 'sqlite' ? { serverEnv: { MEDIDO_MONGO_URL: '' } } : {}),
  ingestor: values.ingestor,
  log: (message) =>
    console.error(`[bench ${((Date.now() - started.getTime()) / 1000).toFixed(0).padStart(4)} s] ${message}`),
});
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
console.log(
  `\nMedido bench, ${mode} mode, ${started.toISOString()}, ${machine}\n\`npm run bench -- ${process.argv.slice(2).join(' ')}\`\n`,
);
console.log(renderTable(rows));
const notes = renderNotes(rows);
if (notes) console.log(`\n${notes}`);
if (values.json)
  writeFileSync(values.json, `${JSON.stringify({ mode, started: started.toISOString(), machine, rows }, null, 2)}\n`);
