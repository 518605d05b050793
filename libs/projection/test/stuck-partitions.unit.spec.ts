import { Writable } from 'node:stream';
import { TOPICS } from '@medido/contracts';
import { createMetrics } from '@medido/platform';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { stuckPartitions } from '../src/index.ts';
import { batchOf } from './fakes.ts';

function setup(threshold = 3, clock?: { now: number }) {
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _e, done) {
      for (const l of chunk.toString().split('\n')) if (l) logs.push(JSON.parse(l));
      done();
    },
  });
  const metrics = createMetrics('projector');
  const stuck = stuckPartitions({
    threshold,
    logger: pino({ level: 'info' }, sink),
    metrics,
    ...(clock ? { now: () => clock.now, staleAfterMs: 60_000 } : {}),
  });
  const series = async () =>
    (await metrics.registry.metrics())
      .split('\n')
      .filter((l) => l.startsWith('medido_projector_stuck_partition_attempts{'));
  return { logs, stuck, series };
}

describe('stuck partitions', () => {
  const batch = batchOf(TOPICS.measurements, ['{}', '{}'], 1200);
  const error = new Error('Code: 241. DB::Exception: Memory limit exceeded');

  it('names nothing below the threshold, then topic, partition, offset and attempts in readiness, a metric and a log line', async () => {
    const { logs, stuck, series } = setup(3);
    stuck.failed(error, batch, 1);
    stuck.failed(error, batch, 2);
    expect(stuck.list()).toEqual([]);
    expect(await series()).toEqual([]);
    expect(logs.filter((l) => l.level === 50)).toEqual([]);

    stuck.failed(error, batch, 3);
    stuck.failed(error, batch, 4);
    expect(stuck.list()).toMatchObject([
      { topic: TOPICS.measurements, partition: 0, offset: '1200', attempts: 4, error: error.message },
    ]);
    expect(await series()).toEqual([
      `medido_projector_stuck_partition_attempts{topic="${TOPICS.measurements}",partition="0",offset="1200",role="projector"} 4`,
    ]);
    const lines = logs.filter(
      (l) => l.msg === 'partition stuck: the same batch keeps failing; later records of this partition wait',
    );
    expect(lines.map((l) => [l.level, l.topic, l.partition, l.offset, l.attempts])).toEqual([
      [50, TOPICS.measurements, 0, '1200', 3],
      [50, TOPICS.measurements, 0, '1200', 4],
    ]);
  });

  it('clears the signal once the partition moves again', async () => {
    const { logs, stuck, series } = setup(2);
    stuck.failed(error, batch, 1);
    stuck.failed(error, batch, 2);
    stuck.succeeded(batch);
    expect(stuck.list()).toEqual([]);
    expect(await series()).toEqual([]);
    expect(logs.at(-1)).toMatchObject({ msg: 'stuck partition moves again', offset: '1200', attempts: 2 });
  });

  it('tracks partitions apart: another partition moving does not clear a stuck one', () => {
    const { stuck } = setup(1);
    const other = { ...batchOf(TOPICS.measurements, ['{}'], 7), partition: 5 };
    stuck.failed(error, batch, 1);
    stuck.succeeded(other);
    expect(stuck.list().map((s) => s.partition)).toEqual([0]);
  });

  it('stops reporting a partition no longer retried here (moved to another group member) after staleAfterMs', async () => {
    const clock = { now: 1_000_000 };
    const { stuck, series } = setup(1, clock);
    stuck.failed(error, batch, 1);
    clock.now += 60_000;
    expect(stuck.list()).toHaveLength(1);
    clock.now += 1;
    expect(stuck.list()).toEqual([]);
    expect(await series()).toEqual([]);
  });
});
