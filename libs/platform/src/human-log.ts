import { Writable } from 'node:stream';

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
/** Fields every line has, or that pino adds: shown in the line's head or not at all. */
const HEAD_FIELDS = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'role', 'v']);

/**
 * One pino JSON line as a person reads it in a terminal: `14:02:03 WARN  [api] message key=value …`.
 * Errors show their message and first stack line, not the whole serialized object.
 */
export function humanLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = typeof entry.time === 'number' ? new Date(entry.time).toISOString().slice(11, 19) : '';
  const level = (LEVELS[entry.level as number] ?? String(entry.level)).padEnd(5);
  const role = entry.role ? `[${String(entry.role)}] ` : '';
  const request = requestText(entry);
  if (request) return [time, level, `${role}${request}`].filter((part) => part !== '').join(' ');
  const fields = Object.entries(entry)
    .filter(([key]) => !HEAD_FIELDS.has(key))
    .map(([key, value]) => `${key}=${fieldText(value)}`);
  return [time, level, `${role}${String(entry.msg ?? '')}`, ...fields].filter((part) => part !== '').join(' ');
}

/**
 * Fastify's two lines per request, shortened to what a person scans for: `→ POST /v1/x` and
 * `← 202 11.8 ms`, tied by the first characters of the request id (the JSON lines keep every field).
 */
function requestText(entry: Record<string, unknown>): string | undefined {
  const id = typeof entry.reqId === 'string' ? ` (${entry.reqId.slice(0, 8)})` : '';
  const req = entry.req as { method?: unknown; url?: unknown } | undefined;
  if (entry.msg === 'incoming request' && req) return `→ ${String(req.method)} ${String(req.url)}${id}`;
  const res = entry.res as { statusCode?: unknown } | undefined;
  if (entry.msg === 'request completed' && res) {
    const ms = typeof entry.responseTime === 'number' ? ` ${entry.responseTime.toFixed(1)} ms` : '';
    return `← ${String(res.statusCode)}${ms}${id}`;
  }
  return undefined;
}

function fieldText(value: unknown): string {
  if (value && typeof value === 'object' && 'message' in value && 'stack' in value) {
    const stack =
      String((value as { stack: unknown }).stack)
        .split('\n')[1]
        ?.trim() ?? '';
    return JSON.stringify(`${String((value as { message: unknown }).message)}${stack ? ` (${stack})` : ''}`);
  }
  if (typeof value === 'string') return /[\s="]/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

/** A pino destination that writes `humanLine`s to `out` (a terminal). */
export function humanLogStream(out: NodeJS.WritableStream): Writable {
  let pending = '';
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      pending += chunk.toString();
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        out.write(`${humanLine(pending.slice(0, newline))}\n`);
        pending = pending.slice(newline + 1);
      }
      done();
    },
  });
}
