import type { AccessRecorder } from '../../src/access/access-recorder.ts';

type Recorded = Parameters<AccessRecorder['record']>[0];

/** Keeps recorded access events in memory; `full` makes it refuse like a recorder whose buffer is full. */
export function inMemoryAccessRecorder(): AccessRecorder & { events: Recorded[]; full: boolean } {
  const recorder = {
    events: [] as Recorded[],
    full: false,
    accepting: () => !recorder.full,
    record(event: Recorded) {
      recorder.events.push(event);
    },
    buffered: () => recorder.events.length,
    close: async () => {},
  };
  return recorder;
}
