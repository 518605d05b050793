/**
 * Runs schemathesis against a running embedded default (`npm start`): starts it on a fresh data
 * directory (MEDIDO_DEMO=false), seeds a small catalog and readings through the ingestor, mints an
 * access token, then fuzzes the api's /openapi.json and the ingestor's /ingestor/openapi.json with valid
 * credentials (OpenAPI-aware auth: each security scheme gets its own). Called by scripts/fuzz.sh, which
 * provides the schemathesis executable in MEDIDO_SCHEMATHESIS.
 *
 *   node test/fuzz/fuzz-run.ts [--max-examples 25] [--seed 1] [--report-dir dir]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { accessTokenAudience, accessTokenIssuer, createAccessTokenIssuer, loadSigningKeys } from '@medido/auth';
import { freePort } from '../../bench/harness/ports.ts';
import { SEED_GRANTS, seedCatalogEvents, seedReadings } from './fuzz-seed.ts';
import { eventually } from '../support/eventually.ts';

const { values } = parseArgs({
  options: {
    'max-examples': { type: 'string', default: '25' },
    seed: { type: 'string', default: '1' },
    'report-dir': { type: 'string' },
  },
});
const schemathesis = process.env.MEDIDO_SCHEMATHESIS ?? 'schemathesis';
const checks = 'not_a_server_error,status_code_conformance,response_schema_conformance';

const dataDir = mkdtempSync(join(tmpdir(), 'medido-fuzz-'));
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [join(import.meta.dirname, '../../apps/medido/src/main.ts'), 'start'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    MEDIDO_PUBLIC_URL: url,
    MEDIDO_DATA_DIR: dataDir,
    MEDIDO_DEMO: 'false',
    LOG_LEVEL: 'error',
    MEDIDO_KAFKA_BROKERS: '',
    MEDIDO_MONGO_URL: '',
    MEDIDO_CLICKHOUSE_URL: '',
    // Fuzzing sends thousands of requests with one token: the per-consumer limiter would answer 429s.
    MEDIDO_RATE_LIMIT_PER_MINUTE: '1000000',
    // Likewise the per-address limit of /auth/token and /auth/revoke, so their validation is what gets fuzzed.
    MEDIDO_TOKEN_RATE_LIMIT_PER_MINUTE: '1000000',
  },
});

function run(command: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

async function post(path: string, token: string, body: unknown): Promise<void> {
  const answer = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (answer.status !== 202) throw new Error(`seeding ${path} answered ${answer.status}: ${await answer.text()}`);
}

let exitCode = 1;
try {
  await eventually(
    async () =>
      fetch(`${url}/health/ready`).then(
        (r) => r.ok,
        () => false,
      ),
    'the embedded default to be ready',
    120_000,
    200,
  );
  const credentials = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as {
    ingestToken: string;
    adminToken: string;
  };
  await post('/v1/ingest/catalog', credentials.ingestToken, { events: seedCatalogEvents() });
  await post('/v1/ingest/measurements', credentials.ingestToken, { readings: seedReadings(Date.now()) });
  const keys = await loadSigningKeys({ json: '', dir: dataDir });
  const accessToken = createAccessTokenIssuer(keys, {
    issuer: accessTokenIssuer(url),
    audience: accessTokenAudience(url),
    ttlSeconds: 900,
  }).issue({ consumerId: 'fuzz-consumer', grants: SEED_GRANTS }).token;
  await eventually(
    async () =>
      (await fetch(`${url}/v1/devices/dev-fuzz-3`, { headers: { authorization: `Bearer ${accessToken}` } })).status ===
      200,
    'the seeded catalog',
    60_000,
    200,
  );

  // OpenAPI-aware auth: each document's security schemes by name (https://schemathesis.readthedocs.io/en/stable/guides/auth/).
  const schemes = {
    api: { bearerAuth: accessToken },
    ingestor: { ingestCredential: credentials.ingestToken, adminCredential: credentials.adminToken },
  };
  const failures: string[] = [];
  for (const [name, schema] of [
    ['api', `${url}/openapi.json`],
    ['ingestor', `${url}/ingestor/openapi.json`],
  ] as const) {
    console.log(`\n=== schemathesis: ${name} (${schema}) ===`);
    const config = join(dataDir, `schemathesis-${name}.toml`);
    const env: Record<string, string> = {};
    writeFileSync(
      config,
      Object.entries(schemes[name])
        .map(([scheme, token], i) => {
          env[`MEDIDO_FUZZ_TOKEN_${i}`] = token;
          return `[auth.openapi.${scheme}]\nbearer = "\${MEDIDO_FUZZ_TOKEN_${i}}"\n`;
        })
        .join(''),
    );
    const args = [
      '--config-file',
      config,
      'run',
      schema,
      '--url',
      url,
      '--checks',
      checks,
      '--phases',
      'examples,coverage,fuzzing',
      '--max-examples',
      values['max-examples'],
      '--seed',
      values.seed,
      '--max-redirects',
      '0',
      '--request-timeout',
      '30',
      '--workers',
      '2',
      '--suppress-health-check',
      'all',
      '--no-color',
      // The SSE stream answers for as long as the client listens: every generated request would wait out
      // the request timeout. Its answers are checked by libs/notifications/test/change-feed.int.spec.ts.
      ...(name === 'api' ? ['--exclude-path', '/v1/stream'] : []),
      ...(values['report-dir'] ? ['--report', 'junit', '--report-dir', join(values['report-dir'], name)] : []),
    ];
    if ((await run(schemathesis, args, env)) !== 0) failures.push(name);
  }
  if (failures.length > 0) console.error(`\nschemathesis found failures in: ${failures.join(', ')}`);
  exitCode = failures.length === 0 ? 0 : 1;
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
