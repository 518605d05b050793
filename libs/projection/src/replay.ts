import { startProjector, type ProjectorDeps } from './projector.ts';

export interface ReplayProgress {
  elapsedMs: number;
  lag: Record<string, number>;
  remaining: number;
}
export interface ReplaySummary {
  elapsedMs: number;
  groupSuffix: string;
  startLag: Record<string, number>;
}

/**
 * Rebuilds the read models from the topics: a projector in fresh consumer groups reads every topic from
 * the beginning into the stores it is given (point them at empty databases, then switch the api over),
 * reports progress until nothing is left to project, and stops. Safe to interrupt and run again:
 * projection is idempotent.
 */
export async function replay(
  deps: Omit<ProjectorDeps, 'groupSuffix' | 'fromBeginning'>,
  options: {
    groupSuffix?: string;
    onProgress?: (progress: ReplayProgress) => void;
    pollMs?: number;
    settleChecks?: number;
  } = {},
): Promise<ReplaySummary> {
  const groupSuffix = options.groupSuffix ?? `replay-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  const started = Date.now();
  const projector = await startProjector({ ...deps, groupSuffix, fromBeginning: true });
  let startLag: Record<string, number> | undefined;
  let idleChecks = 0;
  try {
    // Lag can read 0 before the groups received their partitions; require several quiet checks in a row.
    while (idleChecks < (options.settleChecks ?? 3)) {
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1000));
      const lag = await projector.lag();
      startLag ??= lag;
      const remaining = Object.values(lag).reduce((sum, n) => sum + n, 0);
      idleChecks = remaining === 0 ? idleChecks + 1 : 0;
      options.onProgress?.({ elapsedMs: Date.now() - started, lag, remaining });
    }
  } finally {
    await projector.stop();
  }
  return { elapsedMs: Date.now() - started, groupSuffix, startLag: startLag ?? {} };
}
