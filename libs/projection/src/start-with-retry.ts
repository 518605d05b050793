import type { Logger } from 'pino';
import { backoffDelay, type BackoffOptions } from '@medido/event-bus';

/** Long enough apart not to hammer a recovering dependency, short enough to start soon after it is back. */
export const START_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 15_000 };

export interface Retrying<T> {
  /** Resolves with the result once `start` succeeded, or with null if cancelled first. */
  result: Promise<T | null>;
  /** Stops retrying; a start already running finishes and is then undone with `undo`. */
  cancel(): Promise<void>;
}

/**
 * Runs `start` until it succeeds, waiting a capped exponential backoff between attempts: a role whose
 * dependency is down at boot waits for it (live, not ready) instead of exiting into a restart loop.
 */
export function startWithRetry<T>(
  start: () => Promise<T>,
  undo: (value: T) => Promise<void>,
  logger: Logger,
  what: string,
  backoff = START_BACKOFF,
): Retrying<T> {
  let cancelled = false;
  let wake: (() => void) | undefined;
  const result = (async () => {
    for (let attempt = 1; !cancelled; attempt++) {
      try {
        const value = await start();
        if (!cancelled) return value;
        await undo(value);
        return null;
      } catch (error) {
        if (cancelled) return null;
        const delay = backoffDelay(attempt, backoff);
        logger.warn({ err: error, attempt, retryInMs: delay }, `${what} failed; retrying`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, delay).unref();
        });
      }
    }
    return null;
  })();
  return {
    result,
    async cancel() {
      cancelled = true;
      wake?.();
      await result;
    },
  };
}
