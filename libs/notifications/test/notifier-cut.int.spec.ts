import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteCatalogStore, type CatalogStore } from '@medido/catalog';
import { meteredInstallation, organization } from '@medido/catalog/testing/catalog-history.fixture';
import { TOPICS } from '@medido/contracts';
import { EmbeddedEventBus } from '@medido/event-bus';
import { eventRecord, measurementsEvent, registerReadings } from '@medido/projection/testing/readings.fixture';
import { eventually } from '@medido/platform/testing/eventually';
import { startNotifier } from '../src/notifier.ts';
import { toldPerMeter } from './told-per-meter.ts';

/**
 * A meter's records of one derivation make one change, named by its first record, so a derivation
 * interrupted between its append and its state save must be derived again up to the same cut. Here the
 * first notifier's append stores half of its changes and dies; a second one (a restarted process, on
 * the same log and catalog) must tell every reading exactly once — and, when the re-delivered batches
 * are smaller than the first (limits lowered across the restart), lose none.
 */
const METERS = ['m-1', 'm-2', 'm-3'];
const STEPS = 30;

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function setUp() {
  dir = mkdtempSync(join(tmpdir(), 'medido-notifier-cut-'));
  const catalog = createSqliteCatalogStore({ path: join(dir, 'catalog.sqlite') });
  for (const e of [organization('org-1', 'public'), ...meteredInstallation('inst-1', 'org-1', METERS)])
    await catalog.apply(e);
  const bus = (maxBatchRecords: number) =>
    new EmbeddedEventBus({
      path: join(dir!, 'bus.sqlite'),
      maxBatchRecords,
      retryBackoff: { initialMs: 5, maxMs: 20 },
    });
  const first = bus(40);
  await first.ensureTopics([{ topic: TOPICS.measurements, partitions: 1 }]);
  // One reading per record, the meters interleaved: what a live fleet sends.
  const publish = (from: number, to: number) =>
    first.publish(
      TOPICS.measurements,
      registerReadings(METERS, from, to).map((r) => eventRecord(r.deviceId, measurementsEvent(r.deviceId, [r]))),
    );
  // The first notifier sees a third of the records in its first batch; after the crash there are more,
  // so a re-delivery not cut where the first derivation ended would hold more (and other ids' content).
  await publish(0, STEPS / 3);
  return { catalog, first, bus, publishRest: () => publish(STEPS / 3, STEPS) };
}

/** The first notifier: its first append stores half of the changes, then the process "dies". */
async function crashingNotifier(catalog: CatalogStore, bus: EmbeddedEventBus): Promise<void> {
  let crashed!: () => void;
  const died = new Promise<void>((resolve) => (crashed = resolve));
  const dying = new Proxy(catalog, {
    get(target, name) {
      if (name === 'appendChanges')
        return async (changes: Parameters<CatalogStore['appendChanges']>[0], options: { unseen: boolean }) => {
          await target.appendChanges(changes.slice(0, Math.ceil(changes.length / 2)), options);
          crashed();
          throw new Error('killed in the middle of the append');
        };
      const value = Reflect.get(target, name) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const notifier = await startNotifier({ bus, catalog: dying, logger: pino({ level: 'silent' }) });
  await died;
  await notifier.stop();
}

describe('the notifier after a crash inside its append', () => {
  it('derives the re-delivered records up to the saved cut: every reading told once, in fewer changes than records', async () => {
    const { catalog, first, bus, publishRest } = await setUp();
    await crashingNotifier(catalog, first);
    await publishRest();
    const again = bus(40);
    const notifier = await startNotifier({ bus: again, catalog, logger: pino({ level: 'silent' }) });
    await eventually(async () => (await notifier.lag()) === 0, 'the restarted notifier to catch up', 10_000, 20);
    await notifier.stop();

    const { changes, told } = await toldPerMeter(catalog);
    expect(told).toEqual(new Map(METERS.map((m) => [m, STEPS])));
    expect(new Set(changes.map((c) => c.id)).size).toBe(changes.length);
    expect(changes.filter((c) => c.type === 'measurements.available').length).toBeLessThan(METERS.length * STEPS);
    await catalog.close();
  });

  it('refuses re-deliveries that end before the cut a bounded number of times, then loses nothing', async () => {
    const { catalog, first, bus, publishRest } = await setUp();
    await crashingNotifier(catalog, first);
    await publishRest();
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
    const smaller = bus(10);
    const notifier = await startNotifier({ bus: smaller, catalog, logger });
    await eventually(async () => (await notifier.lag()) === 0, 'the restarted notifier to catch up', 10_000, 20);
    await notifier.stop();

    const { told } = await toldPerMeter(catalog);
    for (const meter of METERS) expect(told.get(meter)).toBeGreaterThanOrEqual(STEPS);
    expect(warnings.filter((w) => w.includes('before the cut')).length).toBeGreaterThan(0);
    await catalog.close();
  });
});
