/** Nearest-rank percentile (q in 0..1) of a sample; NaN when empty. */
export function percentile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Runs `work` and reports how long it took. */
export async function timed(work: () => Promise<void>): Promise<{ ms: number }> {
  const started = performance.now();
  await work();
  return { ms: Math.round(performance.now() - started) };
}
