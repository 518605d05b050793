import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meteredInstallation, organization } from '@medido/catalog/testing/catalog-history.fixture';
import { TOPICS, type ChangeEvent } from '@medido/contracts';
import type { Projector } from '@medido/projection';
import { ENERGY, measurementsRecords } from '@medido/projection/testing/readings.fixture';
import type { ProjectionStack } from '@medido/projection/testing/projection-stack';
import { testTokens } from '../../read-api/test/fakes/tokens.ts';
import { readApiOnStack, stackOnTestServices } from '../../read-api/test/support/stack-api.ts';
import { eventually } from '../../../test/support/eventually.ts';
import { startNotifier, type Notifier } from '../src/notifier.ts';

/**
 * Readings on real Kafka, projected into chDB and derived by the notifier into the change log on
 * FerretDB, read through GET /v1/changes and /v1/stream as consumers do: what a private organization
 * does is invisible without a grant, and a stream resumed with Last-Event-ID loses nothing.
 */
const Q = 15 * 60_000;
const D = Date.parse('2026-04-07T00:00:00Z');

describe('change feed and stream on Kafka, FerretDB and chDB', () => {
  let stack: ProjectionStack;
  let projector: Projector;
  let notifier: Notifier;
  let api: FastifyInstance;
  let base: string;
  const tokens = testTokens();
  const granted = `Bearer ${tokens.consumer('c-granted', ['org-priv'])}`;
  const stranger = `Bearer ${tokens.consumer('c-stranger')}`;

  beforeAll(async () => {
    stack = await stackOnTestServices('changes');
    for (const e of [
      organization('org-pub', 'public'),
      organization('org-priv', 'private'),
      ...meteredInstallation('inst-pub', 'org-pub', ['m-pub']),
      ...meteredInstallation('inst-priv', 'org-priv', ['m-priv']),
    ])
      await stack.catalog.apply(e);
    projector = await stack.startProjector();
    notifier = await startNotifier({
      bus: stack.bus,
      catalog: stack.catalog,
      measurements: stack.measurements,
      logger: pino({ level: 'silent' }),
    });
    // The feed is read two changes a page, and polled until the days close: many requests a minute.
    api = await readApiOnStack(stack, tokens.verifier, { rateLimitPerMinute: 10_000, changes: stack.catalog });
    base = await api.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await api?.close();
    await notifier?.stop();
    await projector?.stop();
    await stack?.dispose();
  });

  const feed = async (authorization: string, query = '') => {
    const items: ChangeEvent[] = [];
    let after = '';
    for (;;) {
      const answer = await api.inject({
        method: 'GET',
        url: `/v1/changes?limit=2${after ? `&after=${after}` : ''}${query}`,
        headers: { authorization },
      });
      expect(answer.statusCode).toBe(200);
      const page = answer.json() as { items: ChangeEvent[]; next: string | null };
      items.push(...page.items);
      if (page.items.length < 2) return items;
      after = page.next!;
    }
  };
  const day = (deviceId: string, from: number, to: number) =>
    Array.from({ length: (to - from) / Q + 1 }, (_, i) => ({ deviceId, variable: ENERGY, ts: from + i * Q, value: i }));

  it('tells new readings and closed days, late readings as changed buckets; a private organization only to a granted consumer', async () => {
    // A whole UTC day and the next midnight, per meter, in records of 50 readings.
    await stack.bus.publish(
      TOPICS.measurements,
      measurementsRecords([...day('m-pub', D, D + 86_400_000), ...day('m-priv', D, D + 86_400_000)], 50),
    );
    const closed = await eventually(
      async () => {
        const items = await feed(granted);
        return items.filter((c) => c.type === 'day.closed').length === 2 && items;
      },
      'both days to close',
      60_000,
      200,
    );
    const available = closed.filter((c) => c.type === 'measurements.available');
    expect(available.reduce((n, c) => n + (c.data as { readings: number }).readings, 0)).toBe(2 * 97);
    expect(closed.find((c) => c.type === 'day.closed' && c.installationId === 'inst-priv')).toMatchObject({
      organizationId: 'org-priv',
      data: {
        day: '2026-04-07',
        timezone: 'UTC',
        from: '2026-04-07T00:00:00.000Z',
        to: '2026-04-08T00:00:00.000Z',
        deviceIds: ['m-priv'],
      },
    });

    // The attacker's side: the same feed without the grant shows the public organization only.
    const seen = await feed(stranger);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((c) => c.organizationId === 'org-pub')).toBe(true);
    expect(await feed(stranger, '&installationId=inst-priv')).toEqual([]);
    expect(await feed(stranger, '&deviceId=m-priv')).toEqual([]);
    expect(seen).toEqual(closed.filter((c) => c.organizationId === 'org-pub'));

    // A late reading into the closed day, then a re-send of the newest instant.
    await stack.bus.publish(
      TOPICS.measurements,
      measurementsRecords([{ deviceId: 'm-pub', variable: ENERGY, ts: D + 3_600_000 + 60_000, value: 4.5 }]),
    );
    await stack.bus.publish(
      TOPICS.measurements,
      measurementsRecords([{ deviceId: 'm-pub', variable: ENERGY, ts: D + 86_400_000, value: 97 }]),
    );
    const changed = await eventually(
      async () => {
        const items = await feed(stranger, '&type=bucket.changed');
        return items.length === 2 && items;
      },
      'the changed buckets',
      60_000,
      200,
    );
    expect(changed.map((c) => c.data)).toEqual([
      {
        deviceId: 'm-pub',
        variables: [ENERGY],
        from: '2026-04-07T01:00:00.000Z',
        to: '2026-04-07T01:15:00.000Z',
        reason: 'late',
      },
      {
        deviceId: 'm-pub',
        variables: [ENERGY],
        from: '2026-04-07T23:45:00.000Z',
        to: '2026-04-08T00:15:00.000Z',
        reason: 'resent',
      },
    ]);
  });

  it('refuses a cursor it did not issue with a stable code', async () => {
    const answer = await api.inject({
      method: 'GET',
      url: '/v1/changes?after=yesterday',
      headers: { authorization: granted },
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(answer.json()).toMatchObject({ code: 'CURSOR_INVALID' });
  });

  it('streams the same changes as Server-Sent Events and resumes with Last-Event-ID without a gap', async () => {
    const all = await feed(granted);
    const read = async (headers: Record<string, string>, count: number) => {
      const controller = new AbortController();
      const answer = await fetch(`${base}/v1/stream${headers['last-event-id'] ? '' : '?after=0000000000000000'}`, {
        headers: { authorization: granted, ...headers },
        signal: controller.signal,
      });
      expect(answer.headers.get('content-type')).toContain('text/event-stream');
      const reader = answer.body!.getReader();
      const events: { id: string; data: ChangeEvent }[] = [];
      let text = '';
      while (events.length < count) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
        let end: number;
        while ((end = text.indexOf('\n\n')) >= 0) {
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          const id = /^id: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (id && data) events.push({ id, data: JSON.parse(data) as ChangeEvent });
        }
      }
      controller.abort(); // the client goes away mid-stream
      return events.slice(0, count);
    };
    const half = Math.floor(all.length / 2);
    const first = await read({}, half);
    const rest = await read({ 'last-event-id': first.at(-1)!.id }, all.length - half);
    expect([...first, ...rest].map((e) => e.data)).toEqual(all);
    expect([...first, ...rest].map((e) => e.id)).toEqual(all.map((c) => c.cursor));
  });
});
