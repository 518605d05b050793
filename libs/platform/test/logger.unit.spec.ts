import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { humanLine } from '../src/human-log.ts';
import { createLogger } from '../src/index.ts';

/** A stand-in for process.stdout that records what the logger wrote. */
function terminal(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream & PassThrough;
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  Object.assign(stream, { isTTY });
  return { stream, text: () => text };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('log lines for people and for machines', () => {
  it('writes concise human lines to a terminal, with the fields after the message', async () => {
    const out = terminal(true);
    createLogger({ LOG_LEVEL: 'info', LOG_FORMAT: 'auto' }, 'medido', out.stream).warn(
      { readings: 1200, url: 'http://x' },
      'demo backfill slow',
    );
    await settle();
    expect(out.text()).toMatch(/^\d\d:\d\d:\d\d WARN  \[medido\] demo backfill slow readings=1200 url=http:\/\/x\n$/);
  });

  it('shows an error by its message and first stack line; passes a non-JSON line through', () => {
    expect(humanLine('not json')).toBe('not json');
    const line = humanLine(
      JSON.stringify({
        level: 50,
        time: Date.UTC(2026, 0, 1, 12, 0, 0),
        role: 'api',
        msg: 'failed',
        err: { message: 'boom', stack: 'Error: boom\n    at f (x.ts:1:1)' },
      }),
    );
    expect(line).toBe('12:00:00 ERROR [api] failed err="boom (at f (x.ts:1:1))"');
  });

  it('shortens the request lines to method, path, status and time, tied by the request id', () => {
    const base = { level: 30, time: Date.UTC(2026, 0, 1, 12, 0, 0), role: 'medido', reqId: 'bd153b20-c230-4ecd' };
    expect(
      humanLine(
        JSON.stringify({
          ...base,
          msg: 'incoming request',
          req: { method: 'POST', url: '/v1/ingest/catalog', host: 'x' },
        }),
      ),
    ).toBe('12:00:00 INFO  [medido] → POST /v1/ingest/catalog (bd153b20)');
    expect(
      humanLine(JSON.stringify({ ...base, msg: 'request completed', res: { statusCode: 202 }, responseTime: 11.7537 })),
    ).toBe('12:00:00 INFO  [medido] ← 202 11.8 ms (bd153b20)');
  });

  it('keeps JSON for pipes (auto) and when asked for json, so log shippers read one object a line', async () => {
    for (const [format, isTTY] of [
      ['auto', false],
      ['json', true],
    ] as const) {
      const out = terminal(isTTY);
      createLogger({ LOG_LEVEL: 'info', LOG_FORMAT: format }, 'api', out.stream).info(
        { requestId: 'r-1' },
        'request completed',
      );
      await settle();
      expect(JSON.parse(out.text())).toMatchObject({
        level: 30,
        role: 'api',
        requestId: 'r-1',
        msg: 'request completed',
      });
    }
  });
});
