import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { MeasurementsSnapshot, SeriesId, Window } from '@medido/projection/testing/measurements-snapshot';

const run = promisify(execFile);

/** The snapshot of the chDB directory under `dataDir`, read by a child process once its writer has exited. */
export async function readSnapshotOf(
  env: { MEDIDO_DATA_DIR: string; MEDIDO_CLICKHOUSE_DATABASE: string },
  series: SeriesId[],
  window: Window,
): Promise<MeasurementsSnapshot> {
  const { stdout } = await run(
    process.execPath,
    [join(import.meta.dirname, 'read-snapshot.ts'), JSON.stringify({ series, window })],
    {
      env: { ...process.env, ...env, MEDIDO_CLICKHOUSE_URL: '', LOG_LEVEL: 'silent' },
      maxBuffer: 256 * 1024 * 1024,
      timeout: 120_000,
    },
  );
  return JSON.parse(stdout) as MeasurementsSnapshot;
}
