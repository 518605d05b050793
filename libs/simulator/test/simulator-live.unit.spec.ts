import { eventually } from '@medido/platform/testing/eventually';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../src/index.ts';
import { memoryLogger, readingKey, startIngestRecorder, type IngestRecorder } from '../src/testing/ingest-recorder.ts';

describe('live mode', () => {
  let recorder: IngestRecorder;
  beforeEach(async () => {
    recorder = await startIngestRecorder();
  });
  afterEach(async () => {
    await recorder.close();
  });

  it('keeps sending the newest readings at the sped-up cadence, never ahead of the clock, until stopped', async () => {
    const simulator = startSimulator({
      url: recorder.url,
      token: recorder.token,
      days: 0,
      seed: 'live',
      speed: 900,
      logger: memoryLogger(),
    });
    await simulator.backfillDone;
    const backfillRequests = recorder.measurements.length;
    await eventually(() => recorder.measurements.length >= backfillRequests + 2, 'two live requests', 10_000, 20);
    expect(simulator.progress.phase).toBe('live');
    await simulator.stop();
    expect(simulator.progress.phase).toBe('stopped');

    const sent = recorder.measurements.flatMap((r) => r.items);
    expect(sent.every((r) => Date.parse(r.ts) <= recorder.measurements.at(-1)!.at)).toBe(true);
    const instants = [
      ...new Set(
        sent.filter((r) => r.deviceId === 'mtr-clinica' && r.variable === 'voltage').map((r) => Date.parse(r.ts)),
      ),
    ].sort();
    expect(instants.length).toBeGreaterThanOrEqual(3);
    // 20 series: 6 electricity meters × 3 variables, water and gas; the library meter is offline.
    expect(new Set(sent.map(readingKey)).size).toBe(instants.length * 20);
    // The backfill's instant is on the 15-minute grid; live mode catches up from it, then follows, every second.
    const live = instants.slice(1);
    expect(live.every((t, i) => t % 1000 === 0 && (i === 0 || t - live[i - 1]! === 1000))).toBe(true);
    // Stopping sent whatever the late meter's pipeline still held: every generated instant arrived.
    const lateMeter = new Set(
      sent.filter((r) => r.deviceId === 'mtr-muni-p2' && r.variable === 'voltage').map((r) => Date.parse(r.ts)),
    );
    expect([...lateMeter].sort()).toEqual(instants);
  });
});
