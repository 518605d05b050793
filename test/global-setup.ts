import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

/**
 * Starts the real infrastructure once per test run and hands its coordinates to the tests:
 * - MEDIDO_TEST_KAFKA_BROKERS / MEDIDO_TEST_MONGO_URL given: use those services as they are;
 * - otherwise: `scripts/infra/infra.sh up` (Kafka from Maven Central jars, FerretDB built from its Go
 *   module), idempotent, so a developer's already-running stack is reused.
 * ClickHouse is chDB in each test process unless MEDIDO_TEST_CLICKHOUSE_URL names a server.
 */
const run = promisify(execFile);

// What `provide` hands the tests is typed in test/support/provided-context.d.ts.
export default async function setup(project: TestProject): Promise<void> {
  const kafkaPort = process.env.MEDIDO_KAFKA_PORT ?? '19092';
  const mongoPort = process.env.MEDIDO_FERRETDB_PORT ?? '27027';
  let brokers = process.env.MEDIDO_TEST_KAFKA_BROKERS;
  let mongoUrl = process.env.MEDIDO_TEST_MONGO_URL;
  if (!brokers || !mongoUrl) {
    try {
      await run('bash', ['scripts/infra/infra.sh', 'up'], { timeout: 900_000 });
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? String(error);
      throw new Error(
        `could not start the local infrastructure (Kafka, FerretDB); start it by hand with \`npm run infra -- up\` and read \`npm run infra -- logs\`:\n${stderr}`,
      );
    }
    brokers ??= `127.0.0.1:${kafkaPort}`;
    mongoUrl ??= `mongodb://127.0.0.1:${mongoPort}`;
  }
  project.provide('kafkaBrokers', brokers.split(','));
  project.provide('mongoUrl', mongoUrl);
  project.provide('clickhouseUrl', process.env.MEDIDO_TEST_CLICKHOUSE_URL ?? '');
}
