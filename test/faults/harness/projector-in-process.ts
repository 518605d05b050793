import { Writable } from 'node:stream';
import { pino } from 'pino';
import { expect } from 'vitest';
import type { CatalogStore } from '@medido/catalog';
import type { EventBus } from '@medido/event-bus';
import type { MeasurementsStore } from '@medido/measurements';
import type { Metrics } from '@medido/platform';
import { buildProjectorApp, type ProjectorApp } from '../../../apps/projector/src/app.ts';
import { eventually } from '../../support/eventually.ts';

/** The projector role built in this process (apps/projector's factory), consuming, with its log lines kept. */
export async function startProjectorApp(deps: {
  bus: EventBus;
  measurements: MeasurementsStore;
  catalog: CatalogStore;
  stuckAfterAttempts?: number;
  metrics?: Metrics;
}): Promise<{ app: ProjectorApp; logs: Record<string, unknown>[] }> {
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const app = await buildProjectorApp({ ...deps, logger: pino({ level: 'info' }, sink) });
  if (!(await app.started)) throw new Error('the projector was closed before it started');
  return { app, logs };
}

/** Attempts of the retried batches, and whether a consumer crashed (kafkajs restarts a crashed consumer). */
export function retrySummary(logs: Record<string, unknown>[]): {
  retries: number;
  maxAttempt: number;
  crashes: number;
} {
  const retries = logs.filter((l) => l.msg === 'projection failed; retrying the same batch');
  return {
    retries: retries.length,
    maxAttempt: Math.max(0, ...retries.map((l) => Number(l.attempt))),
    crashes: logs.filter((l) => l.msg === 'Kafka consumer crashed').length,
  };
}

/**
 * The verdict on a store's outage of about five seconds: the projector retried the failed batches with a
 * capped backoff (about ten attempts per partition, not thousands), and no consumer crashed.
 */
export function expectRetriedWithCappedBackoff(retries: ReturnType<typeof retrySummary>): void {
  expect(retries.retries).toBeGreaterThan(0);
  expect(retries.maxAttempt).toBeLessThanOrEqual(12);
  expect(retries.crashes).toBe(0);
}

/** Waits (up to a minute) until `measurements` holds a reading of each of `devices`: the projection flows. */
export async function untilEveryDeviceProjected(
  measurements: Pick<MeasurementsStore, 'lastSeen'>,
  devices: string[],
): Promise<void> {
  await eventually(
    async () => (await measurements.lastSeen(devices)).size === devices.length,
    'the first readings to be projected',
    60_000,
    100,
  );
}
