// Prints the measurements snapshot of a chDB data directory another process wrote (a projector that
// was killed or stopped): chDB binds one data directory per process, so the test process, which may
// already hold its own, reads through this short-lived child instead.
//   MEDIDO_DATA_DIR=… MEDIDO_CLICKHOUSE_DATABASE=… node test/faults/harness/read-snapshot.ts '{"series":[…],"window":{…}}'
import { createMeasurementsStore } from '@medido/measurements';
import { loadConfig } from '@medido/platform';
import { readSnapshot, type SeriesId, type Window } from '@medido/projection/testing/measurements-snapshot';

const { series, window } = JSON.parse(process.argv[2] ?? '{}') as { series: SeriesId[]; window: Window };
const store = createMeasurementsStore(loadConfig());
try {
  process.stdout.write(JSON.stringify(await readSnapshot(store, series, window)));
} finally {
  await store.close();
}
