import type { MeasurementsStore, RollupRefresh } from './measurements-store.port.ts';

export interface RollupMaintenanceOptions {
  /** Pause after a refresh that found work: lets marks of several writes gather for the next one. */
  busyPauseMs?: number;
  /** Pause after a refresh that found nothing. */
  idleMs?: number;
  /** Longest pause after failures (doubling from idleMs): the store may be away for a while. */
  maxBackoffMs?: number;
  onRefresh?: (result: RollupRefresh, ms: number) => void;
  onError?: (error: unknown) => void;
}

export interface RollupMaintenance {
  stop(): Promise<void>;
}

/**
 * Runs the store's rollup refresh in a loop until stopped (the projector starts it beside its
 * consumers). Nothing depends on its pace for exactness: queries read raw readings where the rollups
 * lag, so it only decides how much of a query the rollups serve.
 */
export function startRollupMaintenance(
  store: Required<Pick<MeasurementsStore, 'refreshRollups'>>,
  options: RollupMaintenanceOptions = {},
): RollupMaintenance {
  const busyPauseMs = options.busyPauseMs ?? 250;
  const idleMs = options.idleMs ?? 1_000;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  let running = true;
  let wake: (() => void) | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const loop = (async () => {
    let failures = 0;
    while (running) {
      const started = performance.now();
      try {
        const result = await store.refreshRollups();
        failures = 0;
        options.onRefresh?.(result, performance.now() - started);
        if (running) await pause(result.marks > 0 ? busyPauseMs : idleMs);
      } catch (error) {
        failures += 1;
        options.onError?.(error);
        if (running) await pause(Math.min(maxBackoffMs, idleMs * 2 ** Math.min(failures, 10)));
      }
    }
  })();
  return {
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}
