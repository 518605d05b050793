import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { event } from '@medido/catalog/testing/catalog-events.fixture';
import { variable } from '@medido/catalog/testing/catalog-history.fixture';
import { TOPICS, type ChangeEvent } from '@medido/contracts';
import { NOTIFIER_GROUP } from '@medido/notifications';
import { groupLag } from '@medido/projection/testing/kafka-probe';
import { ENERGY } from '@medido/projection/testing/readings.fixture';
import { startRole } from './harness/child-process.ts';
import { openFaultStack, type FaultStack } from './harness/fault-stack.ts';
import { startIngestLoad } from './harness/ingest-load.ts';
import { eventually } from '../support/eventually.ts';

/**
 * The notifier killed with SIGKILL again and again while a pipeline keeps ingesting: every reading
 * answered 202 is told exactly once in `measurements.available` (a batch re-derived after a kill
 * yields the same ids, which the log drops), nothing is told twice under another id, and the closed
 * days come once each, in order.
 */
const CHILD = join(import.meta.dirname, 'harness/notifier-child.ts');
const DEVICES = Array.from({ length: 10 }, (_, i) => `nk-${i}`);
const KILLS = 3;

let stack: FaultStack;
let env: Record<string, string>;
beforeAll(async () => {
  stack = await openFaultStack({ brokers: inject('kafkaBrokers'), mongoUrl: inject('mongoUrl'), name: 'fault_nkill' });
  env = stack.roleEnv({ LOG_LEVEL: 'info' });
  // The notifier reads the catalog store only: write it directly, no projector needed.
  for (const e of [
    event('OrganizationRegistered', { organizationId: 'org-nk', name: 'Fault', visibility: 'public' }, 1),
    event(
      'InstallationRegistered',
      { installationId: 'inst-nk', organizationId: 'org-nk', name: 'Plant', timezone: 'America/Santiago' },
      2,
    ),
    ...DEVICES.map((deviceId) =>
      event(
        'DeviceRegistered',
        { deviceId, installationId: 'inst-nk', variables: [variable(ENERGY, 'kWh', 'cumulative')] },
        3,
      ),
    ),
  ])
    await stack.catalog.apply(e);
});
afterAll(async () => {
  await stack?.dispose();
});

async function everything(): Promise<ChangeEvent[]> {
  const out: ChangeEvent[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await stack.catalog.changesAfter({}, after, 1_000);
    out.push(...page);
    if (page.length < 1_000) return out;
    after = page.at(-1)!.cursor;
  }
}

describe('notifier killed with SIGKILL during a sustained ingest', () => {
  it('loses no change and repeats none under another id', async () => {
    const load = startIngestLoad(stack.ingestor, stack.token, { devices: DEVICES, stepsPerRequest: 60, pauseMs: 40 });
    try {
      for (let kill = 0; kill < KILLS; kill++) {
        const before = (await stack.catalog.latestCursor()) ?? '';
        const notifier = startRole(CHILD, env);
        await eventually(
          async () => ((await stack.catalog.latestCursor()) ?? '') > before,
          `kill ${kill + 1}: changes to be appended`,
          90_000,
          20,
        );
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.floor(Math.random() * 300)));
        await notifier.stop('SIGKILL');
      }
    } finally {
      await load.stop();
    }
    expect(load.stats.other).toEqual([]);

    const last = startRole(CHILD, env);
    const lag = () => groupLag(stack.admin, stack.prefix + NOTIFIER_GROUP, [stack.prefix + TOPICS.measurements]);
    await eventually(async () => (await lag()) === 0, 'the restarted notifier to catch up', 120_000, 250);
    // The lag can be 0 before this process consumes (the killed one committed all): SIGTERM before its
    // handler is installed would end it by the signal, not by a graceful stop.
    await last.waitForLog((line) => line.msg === 'notifier child consuming', 'the restarted notifier to consume');
    expect(await last.stop('SIGTERM')).toEqual({ code: 0, signal: null });

    const changes = await everything();
    const told = new Map<string, number>();
    for (const c of changes) {
      if (c.type !== 'measurements.available') continue;
      const data = c.data as { deviceId: string; readings: number };
      told.set(data.deviceId, (told.get(data.deviceId) ?? 0) + data.readings);
    }
    const accepted = new Map<string, number>();
    for (const r of load.accepted) accepted.set(r.deviceId, (accepted.get(r.deviceId) ?? 0) + 1);
    expect(told).toEqual(accepted);
    // A resend after a 503 is a real re-send (bucket.changed resent); without one nothing else may appear.
    if (load.stats.unavailable === 0) expect(changes.filter((c) => c.type === 'bucket.changed')).toEqual([]);
    const days = changes.filter((c) => c.type === 'day.closed').map((c) => (c.data as { day: string }).day);
    expect(days).toEqual([...new Set(days)].sort());
    expect(days.length).toBeGreaterThan(0);
    expect(new Set(changes.map((c) => c.id)).size).toBe(changes.length);
  }, 300_000);
});
