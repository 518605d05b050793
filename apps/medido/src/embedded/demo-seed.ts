import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_CONSUMER_ACCOUNT } from '@medido/auth';
import {
  DEMO_FLEET,
  startSimulator,
  stderrProgress,
  type RunningSimulator,
  type SimulatorLogger,
} from '@medido/simulator';

const SEEDED_MARKER = 'demo-seeded';

/** The demo consumer may read the public organization and ONE private one: the other stays hidden. */
export function demoConsumerGrants(): string[] {
  const firstPrivate = DEMO_FLEET.organizations.find((o) => o.visibility === 'private');
  return firstPrivate ? [firstPrivate.organizationId] : [];
}

/**
 * Creates the demo API consumer through the ingestor's admin endpoint, as an administrator would.
 * Every start repeats the same command: answered 202 with the first event again (nothing changes), or
 * 409 CONSUMER_ALREADY_EXISTS for a demo consumer adopted from a data directory older than the registry.
 */
async function createDemoConsumer(url: string, adminToken: string): Promise<void> {
  const response = await fetch(`${url}/v1/admin/consumers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      consumerId: 'demo-consumer',
      name: DEMO_CONSUMER_ACCOUNT.name,
      email: DEMO_CONSUMER_ACCOUNT.email,
      subject: DEMO_CONSUMER_ACCOUNT.subject,
      grants: demoConsumerGrants(),
    }),
  });
  if (response.status === 202) return;
  const text = await response.text();
  if (response.status === 409 && text.includes('"CONSUMER_ALREADY_EXISTS"')) return;
  throw new Error(`creating the demo consumer failed: ${response.status} ${text}`);
}

/**
 * The demo data of the embedded default: on a new data directory, the demo consumer and a 90-day
 * backfill of the simulated fleet; on later starts, the simulator catches up the last day (re-sent
 * readings are deduplicated) and goes on live. Runs in the background: readiness does not wait for it.
 */
export async function startDemo(options: {
  url: string;
  dataDir: string;
  ingestToken: string;
  adminToken: string;
  logger: SimulatorLogger;
}): Promise<RunningSimulator> {
  const marker = join(options.dataDir, SEEDED_MARKER);
  const firstRun = !existsSync(marker);
  await createDemoConsumer(options.url, options.adminToken);
  writeFileSync(marker, new Date().toISOString());
  return startSimulator({
    url: options.url,
    token: options.ingestToken,
    days: firstRun ? 90 : 1,
    live: true,
    logger: options.logger,
    onProgress: stderrProgress(),
  });
}
