import { logLevel, type logCreator } from 'kafkajs';
import type { Logger } from 'pino';

/**
 * Routes kafkajs' own log lines into pino, one level quieter than kafkajs rates them: its INFO lines
 * (group joins, rebalances) are routine, and its ERROR lines are mostly retries of a connection the
 * bus already reports itself (BusUnavailableError on publish, onRetry/crash logs on consume).
 */
export function kafkaLogCreator(logger: Logger): logCreator {
  const log = logger.child({ component: 'kafkajs' });
  return () =>
    ({ namespace, level, log: entry }) => {
      const { message, timestamp: _timestamp, ...extra } = entry;
      const fields = { namespace, ...extra };
      if (level === logLevel.ERROR || level === logLevel.WARN) log.warn(fields, message);
      else if (level === logLevel.INFO) log.debug(fields, message);
      else log.trace(fields, message);
    };
}
