import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { TOPICS } from '@medido/contracts';
import { EmbeddedEventBus, medidoTopics, type IncomingRecord } from '@medido/event-bus';
import { eventually } from '@medido/platform/testing/eventually';
import { createCatalogStore } from '@medido/catalog';
import { createConsumerRegistry, type ConsumerView } from '@medido/ingest';
import { listenIngestor } from '@medido/ingest/testing/ingestor-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../bench/harness/ports.ts';
import { consumersCommand } from '../src/cli/consumers.command.ts';
import { runCommand } from './support/run-command.ts';

const ADMIN = randomBytes(32).toString('base64url');
const INGEST = randomBytes(32).toString('base64url');
let dir: string;
let bus: EmbeddedEventBus;
let app: FastifyInstance;
let url: string;
let listing: FastifyInstance;
let listingUrl: string;
const events: { id: string; type: string; subject: string; data: unknown }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'medido-cli-'));
  bus = new EmbeddedEventBus({ path: join(dir, 'bus.sqlite') });
  await bus.ensureTopics(medidoTopics());
  await bus.subscribe({
    groupId: 'cli-test',
    topics: [TOPICS.consumers],
    eachBatch: async (b) => {
      events.push(...b.records.map((r: IncomingRecord) => JSON.parse(r.value!.toString())));
    },
  });
  ({ app, url } = await listenIngestor({ bus, tokens: { ingest: INGEST, admin: ADMIN } }));
  // An ingestor with a read model holding a name stored before the commands refused control characters.
  const stored: ConsumerView = {
    consumerId: 'c-esc',
    name: 'Eve\u001b[2J\nroot \u202eevil',
    email: 'eve@example.cl',
    subject: 's',
    grants: [],
    expiresAt: null,
    disabled: false,
    disabledAt: null,
  };
  ({ app: listing, url: listingUrl } = await listenIngestor({
    bus,
    tokens: { ingest: INGEST, admin: ADMIN },
    consumers: { listConsumers: async () => ({ items: [stored], next: null }), getConsumer: async () => stored },
  }));
});
afterAll(async () => {
  await app.close();
  await listing.close();
  await bus.close();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[], env: Record<string, string> = { MEDIDO_INGESTOR_URL: url, MEDIDO_ADMIN_TOKEN: ADMIN }) =>
  runCommand(consumersCommand, args, env);

describe('medido consumers', () => {
  it('creates a consumer, changes its grants and disables it through the admin endpoints', async () => {
    const created = await cli([
      'create',
      '--name',
      'Ana Pérez',
      '--email',
      'ana@example.cl',
      '--subject',
      'idp|ana',
      '--grant',
      'org-1',
      '--grant',
      'org-2',
      '--expires',
      '2027-01-01T00:00:00Z',
      '--json',
    ]);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const { consumerId, eventId } = JSON.parse(created.stdout);
    const grants = await cli(['grants', consumerId, '--grant', 'org-3']);
    expect(grants.code).toBe(0);
    expect(grants.stdout).toMatch(
      new RegExp(`^Grants of ${consumerId} set to \\[org-3\\] \\(event [0-9a-f-]{36}\\)\\.\\n$`),
    );
    const disabled = await cli(['disable', consumerId, '--reason', 'contract ended']);
    expect(disabled.code).toBe(0);
    expect(disabled.stdout).toContain(`Consumer ${consumerId} disabled`);

    await eventually(() => events.filter((e) => e.subject === consumerId).length === 3, 'three consumer events');
    const mine = events.filter((e) => e.subject === consumerId);
    expect(mine.map((e) => [e.type, e.data])).toEqual([
      [
        'ApiConsumerCreated',
        {
          consumerId,
          name: 'Ana Pérez',
          email: 'ana@example.cl',
          subject: 'idp|ana',
          grants: ['org-1', 'org-2'],
          expiresAt: '2027-01-01T00:00:00.000Z',
        },
      ],
      ['ApiConsumerGrantChanged', { consumerId, grants: ['org-3'] }],
      ['ApiConsumerDisabled', { consumerId, reason: 'contract ended' }],
    ]);
    expect(mine[0]!.id).toBe(eventId);
  });

  it('clears grants only when asked explicitly with --none', async () => {
    expect(
      (await cli(['create', '--id', 'c-1', '--name', 'Uno', '--email', 'uno@example.cl', '--subject', 'idp|uno'])).code,
    ).toBe(0);
    expect((await cli(['grants', 'c-1'])).code).toBe(2);
    expect((await cli(['grants', 'c-1', '--none'])).stdout).toMatch(/^Grants of c-1 set to \[\] /);
  });

  it('enables a disabled consumer again', async () => {
    expect(
      (await cli(['create', '--id', 'c-back', '--name', 'Back', '--email', 'back@example.cl', '--subject', 'idp|back']))
        .code,
    ).toBe(0);
    expect((await cli(['disable', 'c-back'])).code).toBe(0);
    const enabled = await cli(['enable', 'c-back']);
    expect(enabled).toMatchObject({ code: 0, stderr: '' });
    expect(enabled.stdout).toMatch(/^Consumer c-back enabled \(event [0-9a-f-]{36}\)\.\n$/);
    await eventually(
      () => events.some((e) => e.subject === 'c-back' && e.type === 'ApiConsumerEnabled'),
      'the enable event',
    );
  });

  it("reports a refused command with the ingestor's code and exit code 1: taken id or subject, unknown consumer", async () => {
    expect(
      (await cli(['create', '--id', 'c-taken', '--name', 'T', '--email', 't@example.cl', '--subject', 'idp|taken']))
        .code,
    ).toBe(0);
    const id = await cli([
      'create',
      '--id',
      'c-taken',
      '--name',
      'Other',
      '--email',
      'o@example.cl',
      '--subject',
      'idp|other',
    ]);
    expect(id).toMatchObject({ code: 1, stdout: '' });
    expect(id.stderr).toMatch(/^medido consumers: 409 CONSUMER_ALREADY_EXISTS: /);
    const subject = await cli(['create', '--name', 'Other', '--email', 'o@example.cl', '--subject', 'idp|taken']);
    expect(subject.stderr).toMatch(/^medido consumers: 409 CONSUMER_SUBJECT_TAKEN: .*c-taken/);
    const unknown = await cli(['enable', 'c-nobody']);
    expect(unknown).toMatchObject({ code: 1 });
    expect(unknown.stderr).toMatch(/^medido consumers: 404 CONSUMER_NOT_FOUND: /);
  });

  it("adopts the catalog's consumers into the admin registry of the environment's stores, once", async () => {
    const dataDir = join(dir, 'adopt');
    const catalog = createCatalogStore({
      MEDIDO_MONGO_URL: '',
      MEDIDO_MONGO_DATABASE: 'medido',
      MEDIDO_DATA_DIR: dataDir,
    });
    await catalog.migrate();
    await catalog.apply({
      specversion: '1.0',
      id: 'evt-old',
      source: '/medido/admin',
      type: 'ApiConsumerCreated',
      time: '2026-01-01T00:00:00.000Z',
      data: { consumerId: 'c-old', name: 'Old', email: 'old@example.cl', subject: 'idp|old', grants: [] },
    });
    await catalog.close();
    const env = { MEDIDO_DATA_DIR: dataDir };
    expect(await cli(['adopt'], env)).toEqual({
      code: 0,
      stdout: `1 consumers of the catalog newly recorded in the admin registry (${dataDir}).\n`,
      stderr: '',
    });
    expect((await cli(['adopt'], env)).stdout).toMatch(/^0 consumers /);
    const registry = createConsumerRegistry({
      MEDIDO_MONGO_URL: '',
      MEDIDO_MONGO_DATABASE: 'medido',
      MEDIDO_DATA_DIR: dataDir,
    });
    expect(await registry.findSubject('idp|old')).toMatchObject({ consumerId: 'c-old' });
    await registry.close();
  });

  it('lists names with control characters escaped, never raw', async () => {
    const page = await cli(['list'], { MEDIDO_INGESTOR_URL: listingUrl, MEDIDO_ADMIN_TOKEN: ADMIN });
    expect(page.code).toBe(0);
    expect(page.stdout).toBe('c-esc\tEve\\u001b[2J\\u000aroot \\u202eevil <eve@example.cl>\tactive\tgrants: -\n');
    expect(page.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
  });

  it.each([
    [['create', '--email', 'a@b.cl', '--subject', 's'], /--name is required/],
    [['create', '--name', 'n', '--email', 'a@b.cl', '--subject', 's', '--colour', 'red'], /Unknown option '--colour'/],
    [['disable'], /disable takes exactly one consumer id/],
    [['rename', 'c-1'], /unknown action "rename"/],
  ])('explains a usage error %j with exit code 2', async (args, message) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('Usage: medido consumers');
  });

  it("reports the ingestor's problem, a wrong credential and an unreachable ingestor with exit code 1", async () => {
    const invalid = await cli(['create', '--name', 'n', '--email', 'not-an-email', '--subject', 's']);
    expect(invalid).toMatchObject({ code: 1, stdout: '' });
    expect(invalid.stderr).toMatch(
      /^medido consumers: 400 REQUEST_INVALID: The request is invalid — body\/email must match format "email"/,
    );
    const ingestToken = await cli(['disable', 'c-1'], { MEDIDO_INGESTOR_URL: url, MEDIDO_ADMIN_TOKEN: INGEST });
    expect(ingestToken.stderr).toContain('403 AUTH_FORBIDDEN');
    const unknown = await cli(['disable', 'c-1', '--token', 'x'.repeat(40), '--url', url], {});
    expect(unknown.stderr).toContain('401 AUTH_CREDENTIAL_INVALID');
    const missing = await cli(['disable', 'c-1'], { MEDIDO_INGESTOR_URL: url });
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toContain('no admin credential');
    // A local port nothing listens on (fetch refuses "bad ports" such as 1 before connecting).
    const closed = await freePort();
    const down = await cli(['disable', 'c-1', '--url', `http://127.0.0.1:${closed}`]);
    expect(down.code).toBe(1);
    expect(down.stderr).toBe(
      `medido consumers: cannot reach the ingestor at http://127.0.0.1:${closed}: ECONNREFUSED\n`,
    );
    const noList = await cli(['list']);
    expect(noList.code).toBe(1);
    expect(noList.stderr).toContain('404 ROUTE_NOT_FOUND');
  });

  it('runs as `node apps/medido/src/main.ts consumers …`', async () => {
    const main = join(import.meta.dirname, '../src/main.ts');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        main,
        'consumers',
        'create',
        '--name',
        'Bea',
        '--email',
        'bea@example.cl',
        '--subject',
        'idp|bea',
        '--id',
        'c-bea',
      ],
      { env: { ...process.env, MEDIDO_INGESTOR_URL: url, MEDIDO_ADMIN_TOKEN: ADMIN } },
    );
    expect(stdout).toMatch(/^Consumer c-bea created \(event [0-9a-f-]{36}\)/);
    const unknown = await promisify(execFile)(process.execPath, [main, 'frobnicate']).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(unknown).toMatchObject({ code: 2 });
    expect((unknown as { stderr: string }).stderr).toContain('unknown command "frobnicate"');
  });
});
