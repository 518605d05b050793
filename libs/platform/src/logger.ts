import { pino, type Logger, type LoggerOptions } from 'pino';
import { humanLogStream } from './human-log.ts';

/** pino options shared by every role: JSON lines, secrets redacted, request ids kept. */
export function loggerOptions(level: string, role: string): LoggerOptions {
  return {
    level,
    base: { role },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.refresh_token', '*.access_token', '*.password'],
      censor: '[redacted]',
    },
  };
}

export type LogFormat = 'auto' | 'json' | 'human';

/**
 * A role's logger. JSON lines for machines (log shippers, `docker logs`, CI); concise human lines when
 * a person watches a terminal. `auto` decides by whether stdout is a TTY.
 */
export function createLogger(
  settings: { LOG_LEVEL: string; LOG_FORMAT: LogFormat },
  role: string,
  stdout: NodeJS.WriteStream = process.stdout,
): Logger {
  const human = settings.LOG_FORMAT === 'human' || (settings.LOG_FORMAT === 'auto' && stdout.isTTY === true);
  const options = loggerOptions(settings.LOG_LEVEL, role);
  if (human) return pino(options, humanLogStream(stdout));
  // pino's own destination writes to file descriptor 1 without a stream in between: the fast path.
  return stdout === process.stdout ? pino(options) : pino(options, stdout);
}
