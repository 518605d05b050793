import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createSqliteCatalogStore, type CatalogStore } from '@medido/catalog';
import { meteredInstallation, organization } from '@medido/catalog/testing/catalog-history.fixture';
import { TOPICS } from '@medido/contracts';
import { KafkaEventBus } from '@medido/event-bus';
import { eventRecord, measurementsEvent, registerReadings } from '@medido/projection/testing/readings.fixture';
import { eventually } from '@medido/platform/testing/eventually';
import { startNotifier } from '../src/notifier.ts';
import { toldPerMeter } from './told-per-meter.ts';

/**
 * On Kafka the notifier takes a batch and lets it settle (wait, append) while the bus hands it the
 * partition's next ones. When an append fails in the middle of that, what was derived after the failed
 * batch rests on changes the log does not hold: it must be dropped and derived again after the bus
 * rewinds, so that every reading is still told once, under one id.
 */
const METERS = ['m-1', 'm-2', 'm-3'];
const STEPS = 60;

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The real catalog, whose appends take a while (so batches pile up behind them) and whose fourth fails. */
function slowCatalogFailingOnce(target: CatalogStore): { catalog: CatalogStore; failures: () => number } {
  let appends = 0;
  let failures = 0;
  const catalog = new Proxy(target, {
    get(store, name) {
      if (name === 'appendChanges')
        return async (changes: Parameters<CatalogStore['appendChanges']>[0], options: { unseen: boolean }) => {
          await new Promise((resolve) => setTimeout(resolve, 40));
          if (++appends === 4) {
            failures++;
            await store.appendChanges(changes.slice(0, 1), options);
            throw new Error('the catalog went away in the middle of the append');
          }
          return store.appendChanges(changes, options);
        };
      const value = Reflect.get(store, name) as unknown;
      return typeof value === 'function' ? value.bind(store) : value;
    },
  });
  return { catalog, failures: () => failures };
}

describe('the notifier on Kafka, with batches still settling', () => {
  it('tells every reading once after an append fails behind later batches', async () => {
    dir = mkdtempSync(join(tmpdir(), 'medido-notifier-pipeline-'));
    const store = createSqliteCatalogStore({ path: join(dir, 'catalog.sqlite') });
    for (const e of [organization('org-1', 'public'), ...meteredInstallation('inst-1', 'org-1', METERS)])
      await store.apply(e);
    const bus = new KafkaEventBus({
      brokers: inject('kafkaBrokers'),
      topicPrefix: `pipeline_${randomUUID().slice(0, 8)}_`,
      maxWaitTimeInMs: 50,
      retryBackoff: { initialMs: 50, maxMs: 200 },
    });
    await bus.ensureTopics([{ topic: TOPICS.measurements, partitions: 1 }]);
    const { catalog, failures } = slowCatalogFailingOnce(store);
    const notifier = await startNotifier({ bus, catalog, logger: pino({ level: 'silent' }) });
    try {
      // Many small publishes: many batches, several of them taken while the failing append runs.
      for (let step = 0; step < STEPS; step += 3) {
        await bus.publish(
          TOPICS.measurements,
          registerReadings(METERS, step, step + 3).map((r) =>
            eventRecord(r.deviceId, measurementsEvent(r.deviceId, [r])),
          ),
        );
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
      await eventually(async () => (await notifier.lag()) === 0, 'the notifier to catch up', 30_000, 50);
    } finally {
      await notifier.stop();
      await bus.close();
    }

    expect(failures()).toBe(1);
    const { changes, told } = await toldPerMeter(store);
    expect(told).toEqual(new Map(METERS.map((m) => [m, STEPS])));
    expect(new Set(changes.map((c) => c.id)).size).toBe(changes.length);
    await store.close();
  }, 60_000);
});
