export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

/**
 * Delay before retry `attempt` (1 = after the first failure): exponential, capped, with "equal
 * jitter" — half the step fixed, half random — so retries never come back at once (the fixed half)
 * and many subscriptions failing together spread out (the random half).
 * @see https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export function retryDelayMs(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const step = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}
