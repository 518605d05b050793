import { setTimeout as delay } from 'node:timers/promises';
import type { ServerResponse } from 'node:http';
import type { ChangeFilter, ChangeLogReader } from '@medido/catalog';
import { publicChange } from './change-scope.ts';

export interface StreamOptions {
  pollMs: number;
  heartbeatMs: number;
  /** Changes read per poll: with one write in flight at a time, a connection holds at most this many. */
  batch: number;
}

/**
 * Server-Sent Events off the change log: polls it after the last cursor sent and writes each change as
 * an event whose `id` is its cursor (so EventSource resumes with Last-Event-ID), a comment as heartbeat
 * (proxies close idle connections), and stops at once when the client goes away. One page in memory
 * at a time, and the next poll waits for the socket to drain: a slow client slows its own poll only.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html
 */
export async function streamChanges(
  out: ServerResponse,
  log: ChangeLogReader,
  filter: ChangeFilter,
  after: string | undefined,
  options: StreamOptions,
  signal: AbortSignal,
): Promise<void> {
  let cursor = after;
  let lastWrite = Date.now();
  const write = async (text: string) => {
    lastWrite = Date.now();
    if (!out.write(text))
      await new Promise<void>((resolve) => {
        out.once('drain', resolve);
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
  };
  // Resolves early when the client goes away: the loop then sees the abort and ends.
  const sleep = (ms: number) => delay(ms, undefined, { signal }).catch(() => undefined);
  // Tells EventSource how long to wait before reconnecting.
  await write(`retry: ${Math.max(1000, options.pollMs * 2)}\n\n`);
  while (!signal.aborted) {
    const page = await log.changesAfter(filter, cursor, options.batch);
    for (const record of page) {
      if (signal.aborted) return;
      await write(`id: ${record.cursor}\nevent: ${record.type}\ndata: ${JSON.stringify(publicChange(record))}\n\n`);
      cursor = record.cursor;
    }
    if (page.length === options.batch) continue;
    if (Date.now() - lastWrite >= options.heartbeatMs) await write(': heartbeat\n\n');
    await sleep(options.pollMs);
  }
}
