import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectedSnapshot, totals } from '@medido/projection/testing/measurements-snapshot';
import { DAY, ENERGY, T0 } from '@medido/projection/testing/readings.fixture';
import { startRole, type RoleProcess } from './harness/child-process.ts';
import { chdbProjectorEnv, openFaultStack, type FaultStack } from './harness/fault-stack.ts';
import { startIngestLoad } from './harness/ingest-load.ts';
import { readSnapshotOf } from './harness/snapshot-reader.ts';
import { eventually } from '../support/eventually.ts';

/**
 * The projector process (apps/projector/src/main.ts) killed with SIGKILL in the middle of batches,
 * again and again, while a pipeline keeps ingesting. It has its own chDB directory (chDB binds one
 * per process); the read models are read by a child process once the last projector has exited.
 */
const MAIN = join(import.meta.dirname, '../../apps/projector/src/main.ts');
const DEVICES = Array.from({ length: 10 }, (_, i) => `kill-${i}`);
const SERIES = DEVICES.map((deviceId) => ({ deviceId, variable: ENERGY }));
const KILLS = 3;

let stack: FaultStack;
let dataDir: string;
let env: Record<string, string>;
beforeAll(async () => {
  stack = await openFaultStack({ brokers: inject('kafkaBrokers'), mongoUrl: inject('mongoUrl'), name: 'fault_kill' });
  dataDir = mkdtempSync(join(tmpdir(), 'medido-fault-kill-'));
  env = stack.roleEnv({ ...chdbProjectorEnv(dataDir, 'fault_kill'), LOG_LEVEL: 'debug' });
});
afterAll(async () => {
  await stack?.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const isStart = (l: Record<string, unknown>) => l.msg === 'projecting measurements';
const isEnd = (l: Record<string, unknown>) => l.msg === 'measurements projected';
const sameBatch = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  a.partition === b.partition && a.offsets === b.offsets;

describe('projector killed with SIGKILL during a sustained ingest', () => {
  it('loses nothing and doubles nothing: the read models equal exactly what was answered 202', async () => {
    await stack.registerDevices(DEVICES);
    const load = startIngestLoad(stack.ingestor, stack.token, { devices: DEVICES, stepsPerRequest: 60, pauseMs: 40 });
    let midBatch = 0;
    try {
      for (let kill = 0; kill < KILLS; kill++) {
        const projector = startRole(MAIN, env);
        // Let it finish a few batches (a different number each time), then kill it while it writes one.
        const skip = 1 + kill * 2;
        await projector.waitForLog(
          () => projector.lines.filter(isStart).length > skip,
          `batch ${skip + 1} to start`,
          90_000,
        );
        await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 30)));
        await projector.stop('SIGKILL');
        const started = projector.lines.filter(isStart).at(-1)!;
        if (!projector.lines.some((l) => isEnd(l) && sameBatch(l, started))) midBatch++;
      }
    } finally {
      await load.stop();
    }
    // Every kill landed between a batch's start and its end (its write was cut short or left uncommitted).
    expect(midBatch).toBe(KILLS);
    expect(load.stats.other).toEqual([]);

    const last: RoleProcess = startRole(MAIN, env);
    await eventually(async () => (await stack.lag()) === 0, 'the restarted projector to catch up', 120_000, 250);
    expect(await last.stop('SIGTERM')).toEqual({ code: 0, signal: null });

    const steps = load.accepted.length / DEVICES.length;
    const window = { from: T0, to: T0 + Math.ceil(steps / 1440 + 1) * DAY };
    const stored = await readSnapshotOf(
      { MEDIDO_DATA_DIR: dataDir, MEDIDO_CLICKHOUSE_DATABASE: 'fault_kill' },
      SERIES,
      window,
    );
    const expected = expectedSnapshot(load.accepted, SERIES, window);
    expect(totals(stored)).toEqual(totals(expected));
    expect(totals(stored).readings).toBe(load.stats.accepted * 60 * DEVICES.length);
    expect(stored).toEqual(expected);
  }, 300_000);
});
