import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createMongoCatalogStore, type CatalogStore } from '@medido/catalog';
import { accessRecord } from '@medido/catalog/testing/access-record.fixture';
import { freePort } from '../../../bench/harness/ports.ts';
import { uniqueName } from '../../../test/fixtures.ts';
import { eventually } from '../../../test/support/eventually.ts';

/**
 * The production ingestor (apps/ingestor/src/main.ts as its own process) given MongoDB serves the admin
 * listings from the read models the projector writes: who read which meters (access records) and the
 * consumers. Without this an operator of a distributed deployment had no way to list access records.
 */
const ROOT = resolve(import.meta.dirname, '../../..');
const ADMIN = 'admin-credential-standalone-0123456789';
const database = uniqueName('ingestor_admin_reads');
const dataDir = mkdtempSync(join(tmpdir(), 'medido-ingestor-'));
let catalog: CatalogStore;
let ingestor: ChildProcess;
let baseUrl: string;
let output = '';

// One record of c-reader's: both listings (per consumer, per organization org-1) find it.
const record = accessRecord('0b9c3f5e-4a4e-4d7b-9a53-2f1c6f1e0a01', { consumerId: 'c-reader', rows: 96 });

/** Resolves once the ingestor answers ready; fails at once, with its output, if it exits first. */
async function ready(): Promise<void> {
  const exited = new Promise<never>((_, reject) =>
    ingestor.once('exit', (code) => reject(new Error(`the ingestor exited with ${code}`))),
  );
  const answers = eventually(
    () => fetch(`${baseUrl}/health/ready`).then((r) => r.status === 200),
    'the ingestor to answer ready',
    60_000,
    250,
  );
  // Whichever loses the race settles later (a poll that times out, the exit at afterAll): not an error then.
  exited.catch(() => undefined);
  answers.catch(() => undefined);
  try {
    await Promise.race([answers, exited]);
  } catch (error) {
    throw new Error(`${(error as Error).message}:\n${output}`);
  }
}

beforeAll(async () => {
  catalog = createMongoCatalogStore({ url: inject('mongoUrl'), database });
  await catalog.migrate();
  await catalog.recordAccess([record]);
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  ingestor = spawn(process.execPath, ['apps/ingestor/src/main.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      MEDIDO_DATA_DIR: dataDir,
      MEDIDO_KAFKA_BROKERS: inject('kafkaBrokers').join(','),
      MEDIDO_KAFKA_TOPIC_PREFIX: `${database}.`,
      MEDIDO_MONGO_URL: inject('mongoUrl'),
      MEDIDO_MONGO_DATABASE: database,
      MEDIDO_INGEST_TOKENS: 'ingest-credential-standalone-0123456789',
      MEDIDO_ADMIN_TOKENS: ADMIN,
    },
  });
  ingestor.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  ingestor.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  await ready();
});

afterAll(async () => {
  ingestor?.kill('SIGTERM');
  await catalog?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the standalone ingestor with MongoDB', () => {
  it('lists access records per consumer and per organization to an admin', async () => {
    for (const query of ['consumerId=c-reader', 'organizationId=org-1']) {
      const answer = await fetch(`${baseUrl}/v1/admin/access?${query}`, {
        headers: { authorization: `Bearer ${ADMIN}` },
      });
      expect(answer.status).toBe(200);
      const body = (await answer.json()) as {
        items: { eventId: string; deviceIds: string[]; rows: number }[];
        next: string | null;
      };
      expect(body.items).toEqual([
        expect.objectContaining({ eventId: record.eventId, deviceIds: ['dev-1', 'dev-2'], rows: 96 }),
      ]);
      expect(body.next).toBeNull();
    }
  });

  it('refuses the listing without the admin credential', async () => {
    expect((await fetch(`${baseUrl}/v1/admin/access?consumerId=c-reader`)).status).toBe(401);
    expect(
      (
        await fetch(`${baseUrl}/v1/admin/access?consumerId=c-reader`, {
          headers: { authorization: 'Bearer ingest-credential-standalone-0123456789' },
        })
      ).status,
    ).toBe(403);
  });

  it('lists consumers from the same read model', async () => {
    const answer = await fetch(`${baseUrl}/v1/admin/consumers`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(answer.status).toBe(200);
  });
});
