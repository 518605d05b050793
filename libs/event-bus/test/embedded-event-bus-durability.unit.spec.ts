import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { BusUnavailableError, EmbeddedEventBus, type EventBus, type IncomingRecord } from '../src/index.ts';
import { eventually } from '@medido/platform/testing/eventually';

const dirs: string[] = [];
const buses: EventBus[] = [];
function freshPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'medido-bus-'));
  dirs.push(dir);
  return join(dir, 'bus.sqlite');
}
function open(
  path: string,
  options: Partial<ConstructorParameters<typeof EmbeddedEventBus>[0]> = {},
): EmbeddedEventBus {
  const bus = new EmbeddedEventBus({ path, retryBackoff: { initialMs: 10, maxMs: 50 }, ...options });
  buses.push(bus);
  return bus;
}
async function readAll(bus: EventBus, topic: string, groupId: string, count: number): Promise<IncomingRecord[]> {
  const seen: IncomingRecord[] = [];
  const sub = await bus.subscribe({
    groupId,
    topics: [topic],
    eachBatch: async (b) => {
      seen.push(...b.records);
    },
  });
  await eventually(
    async () => seen.length >= count && (await sub.lag())[topic] === 0,
    `${count} records, lag 0`,
    10_000,
  );
  await sub.stop();
  return seen;
}
afterEach(async () => {
  await Promise.allSettled(buses.splice(0).map((b) => b.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('embedded event bus', () => {
  it('keeps every acknowledged record when the process is killed with SIGKILL', async () => {
    const path = freshPath();
    const child = spawn(
      process.execPath,
      [join(import.meta.dirname, 'fixtures/publish-until-killed.ts'), path, 'durable'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let acked = -1;
    for await (const line of createInterface({ input: child.stdout! })) {
      acked = Number(line.split(' ')[1]);
      if (acked === 30) {
        child.kill('SIGKILL');
        break;
      }
    }
    await new Promise((resolve) => child.once('exit', resolve));

    const bus = open(path);
    const records = await readAll(bus, 'durable', 'after-kill', 310);
    const byBatch = new Set(records.map((r) => Number(r.value!.toString().split(':')[0])));
    for (let batch = 0; batch <= 30; batch++) expect(byBatch.has(batch)).toBe(true);
    // All or nothing per publish: no batch is half written.
    const sizes = new Map<number, number>();
    for (const r of records) {
      const b = Number(r.value!.toString().split(':')[0]);
      sizes.set(b, (sizes.get(b) ?? 0) + 1);
    }
    expect([...sizes.values()].every((n) => n === 10)).toBe(true);
  });

  it('keeps every record by default, so a new group replays from the first one', async () => {
    const bus = open(freshPath());
    await bus.ensureTopics([{ topic: 't', partitions: 1 }]);
    await bus.publish(
      't',
      ['a', 'b', 'c'].map((value) => ({ key: 'k', value })),
    );
    await readAll(bus, 't', 'first', 3);
    expect((await readAll(bus, 't', 'late', 3)).map((r) => r.value!.toString())).toEqual(['a', 'b', 'c']);
  });

  it('with retainCommitted, deletes what every group committed except the newest N', async () => {
    const bus = open(freshPath(), { retainCommitted: 2 });
    await bus.ensureTopics([{ topic: 't', partitions: 1 }]);
    await bus.publish(
      't',
      ['a', 'b', 'c', 'd', 'e'].map((value) => ({ key: 'k', value })),
    );
    await readAll(bus, 't', 'first', 5);
    const late = await readAll(bus, 't', 'late', 2);
    expect(late.map((r) => [r.offset, r.value!.toString()])).toEqual([
      ['3', 'd'],
      ['4', 'e'],
    ]);
  });

  it('starts a new group at the end when fromBeginning is false', async () => {
    const bus = open(freshPath());
    await bus.ensureTopics([{ topic: 't', partitions: 1 }]);
    await bus.publish('t', [{ key: 'k', value: 'old' }]);
    const seen: string[] = [];
    const sub = await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      fromBeginning: false,
      eachBatch: async (b) => {
        seen.push(...b.records.map((r) => r.value!.toString()));
      },
    });
    await bus.publish('t', [{ key: 'k', value: 'new' }]);
    await eventually(() => seen.length === 1, 'one record');
    expect(seen).toEqual(['new']);
    expect(await sub.lag()).toEqual({ t: 0 });
  });

  it('allows one member per group and refuses publishing once closed', async () => {
    const bus = open(freshPath());
    await bus.ensureTopics([{ topic: 't', partitions: 1 }]);
    await bus.subscribe({ groupId: 'g', topics: ['t'], eachBatch: async () => undefined });
    await expect(bus.subscribe({ groupId: 'g', topics: ['t'], eachBatch: async () => undefined })).rejects.toThrow(
      /already has a member/,
    );
    await bus.close();
    await expect(bus.publish('t', [{ key: 'k', value: 'v' }])).rejects.toBeInstanceOf(BusUnavailableError);
    await expect(bus.ping()).rejects.toBeInstanceOf(BusUnavailableError);
  });
});
