import type { LoggerOptions } from 'pino';

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
