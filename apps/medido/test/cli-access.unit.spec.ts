import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { EmbeddedEventBus, medidoTopics } from '@medido/event-bus';
import { accessRecord } from '@medido/catalog/testing/access-record.fixture';
import { listenIngestor } from '@medido/ingest/testing/ingestor-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessCommand } from '../src/cli/access.command.ts';
import { runCommand } from './support/run-command.ts';

const ADMIN = randomBytes(32).toString('base64url');
const INGEST = randomBytes(32).toString('base64url');
const asked: unknown[] = [];
let dir: string;
let bus: EmbeddedEventBus;
let app: FastifyInstance;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'medido-cli-access-'));
  bus = new EmbeddedEventBus({ path: join(dir, 'bus.sqlite') });
  await bus.ensureTopics(medidoTopics());
  // A read model holding two records: what the catalog store answers, in memory.
  const consumers = {
    listConsumers: async () => ({ items: [], next: null }),
    getConsumer: async () => null,
    async listAccess(filter: unknown, page: { after?: string; limit: number }) {
      asked.push({ filter, page });
      return page.after
        ? { items: [accessRecord('e-1', { status: 404, rows: 0, deviceIds: [], from: null, to: null })], next: null }
        : { items: [accessRecord('e-2')], next: 'pos-2' };
    },
  };
  ({ app, url } = await listenIngestor({ bus, tokens: { ingest: INGEST, admin: ADMIN }, consumers }));
});
afterAll(async () => {
  await app.close();
  await bus.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[], env: Record<string, string> = { MEDIDO_ADMIN_TOKEN: ADMIN }) =>
  runCommand(accessCommand, [...args, '--url', url], env);

describe('medido access list', () => {
  it('prints one line per access record, newest first, and how to continue', async () => {
    asked.length = 0;
    const first = await run(['list', '--consumer', 'c-1', '--organization', 'org-1', '--limit', '1']);
    expect(first.code).toBe(0);
    expect(first.stdout.trim().split('\n')).toEqual([
      '2026-04-07T10:00:00.000Z\tc-1\tGET /v1/measurements\t200\trows=48\torg=org-1\tinst=inst-1\tdevices=dev-1,dev-2\twindow=2026-04-01T00:00:00.000Z/2026-04-02T00:00:00.000Z\trequest=req-e-2',
      "(more: --after 'pos-2')",
    ]);
    const next = await run(['list', '--consumer', 'c-1', '--after', 'pos-2', '--json']);
    expect(JSON.parse(next.stdout)).toMatchObject({ items: [{ eventId: 'e-1', status: 404, rows: 0 }], next: null });
    expect(asked).toEqual([
      { filter: { consumerId: 'c-1', organizationId: 'org-1' }, page: { limit: 1 } },
      { filter: { consumerId: 'c-1' }, page: { after: 'pos-2', limit: 100 } },
    ]);
  });

  it("fails with the ingestor's refusal for a credential that is not an admin one, and on usage errors", async () => {
    const refused = await run(['list'], { MEDIDO_ADMIN_TOKEN: INGEST });
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toContain('403 AUTH_FORBIDDEN');
    expect((await run(['list'], {})).code).toBe(2);
    expect((await run(['show'])).code).toBe(2);
    expect((await run(['list', '--bogus'])).code).toBe(2);
  });
});
