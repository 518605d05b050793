import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_CONSUMER_ACCOUNT } from '@medido/auth';
import type { EmbeddedCredentials } from './embedded-credentials.ts';

export const WELCOME_FILE = 'medido.txt';

/** What a newcomer needs after `npm start`: where to go, how to log in, the credentials to script with. */
export function welcomeText(
  publicUrl: string,
  credentials: EmbeddedCredentials,
  dataDir: string,
  demo: boolean,
): string {
  return [
    '',
    'Medido is running (embedded default: api, ingestor, projector and notifier in one process).',
    '',
    `  API docs         ${publicUrl}/docs`,
    `  Ingestor docs    ${publicUrl}/ingestor/docs`,
    `  Log in           ${publicUrl}/auth/login`,
    `    demo consumer  ${DEMO_CONSUMER_ACCOUNT.login} / ${DEMO_CONSUMER_ACCOUNT.password}`,
    `  Health           ${publicUrl}/health/ready`,
    `  Metrics          ${publicUrl}/metrics  (Authorization: Bearer <admin credential>; docs/operations.md)`,
    '',
    `  Ingest credential  ${credentials.ingestToken}`,
    `  Admin credential   ${credentials.adminToken}`,
    '',
    `  Data directory     ${dataDir}`,
    demo
      ? '  Demo meters        the simulator backfills 90 days (progress below), then sends live readings'
      : '  Demo meters        off (MEDIDO_DEMO=false)',
    '',
    `  Try: curl -s -X POST ${publicUrl}/v1/ingest/measurements -H "authorization: Bearer <ingest credential>" \\`,
    `         -H 'content-type: application/json' -d '{"readings":[{"deviceId":"my-meter","variable":"active_energy_import","ts":"${new Date().toISOString()}","value":1}]}'`,
    `  Live changes: curl -N ${publicUrl}/v1/stream -H "authorization: Bearer <access token>"  (or GET /v1/changes?after=<cursor>)`,
    '',
  ].join('\n');
}

/** The same text in `<dataDir>/medido.txt`, readable by its owner only, for scripts. */
export function writeWelcomeFile(dataDir: string, text: string): string {
  const file = join(dataDir, WELCOME_FILE);
  writeFileSync(file, text, { mode: 0o600 });
  return file;
}
