import { CatalogEventData, IngestReading, validate } from '@medido/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_FLEET, offlineInstants, simulateReadings, startSimulator, type SimulatorOptions } from '../src/index.ts';
import {
  memoryLogger,
  problemBody,
  readingKey,
  startIngestRecorder,
  type IngestRecorder,
} from '../src/testing/ingest-recorder.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-05-20T14:07:31.000Z');
const ANCHOR = Date.parse('2026-05-20T14:00:00.000Z');

describe("the simulator against the ingestor's HTTP surface", () => {
  let recorder: IngestRecorder;
  beforeEach(async () => {
    recorder = await startIngestRecorder();
  });
  afterEach(async () => {
    await recorder.close();
  });
  /** The simulator against the recorder, seeded and at NOW as in every test here; `options` says the rest. */
  const simulate = (options: Omit<SimulatorOptions, 'url' | 'token' | 'seed' | 'now'>) =>
    startSimulator({ url: recorder.url, token: recorder.token, seed: 'unit', now: () => NOW, ...options });

  it('registers the fleet, backfills every reading once (plus the designed re-sends) and retries a 503 after Retry-After', async () => {
    recorder.answerMeasurements = (index) =>
      index === 2
        ? {
            status: 503,
            headers: { 'retry-after': '1' },
            body: problemBody(503, 'EVENT_BUS_UNAVAILABLE', 'broker did not acknowledge'),
          }
        : undefined;
    const logger = memoryLogger();
    const simulator = simulate({
      days: 4,
      batchSize: 1000,
      live: false,
      logger,
    });
    const summary = await simulator.backfillDone;
    await simulator.finished;

    // The refused request came back unchanged, no sooner than Retry-After said.
    const [refused, retried] = [recorder.measurements[2]!, recorder.measurements[3]!];
    expect(refused.status).toBe(503);
    expect(retried.items).toEqual(refused.items);
    expect(retried.at - refused.at).toBeGreaterThanOrEqual(990);

    const accepted = recorder.measurements.filter((r) => r.status === 202).flatMap((r) => r.items);
    const canonical = simulateReadings({
      seed: 'unit',
      from: ANCHOR - 4 * DAY,
      to: ANCHOR,
      offline: offlineInstants(DEMO_FLEET, ANCHOR),
    });
    const stored = new Map<string, number>();
    for (const r of accepted) if (!stored.has(readingKey(r))) stored.set(readingKey(r), r.value);
    expect(stored).toEqual(new Map(canonical.map((r) => [readingKey(r), r.value])));
    expect(accepted.length).toBe(canonical.length + summary.resent);
    const seen = new Set<string>();
    const copies = accepted.filter((r) => seen.has(readingKey(r)) || !seen.add(readingKey(r)));
    expect(copies.length).toBe(summary.resent);
    expect(new Set(copies.map((r: IngestReading) => r.deviceId))).toEqual(new Set(['mtr-depto-101']));
    expect(accepted.filter((_, i) => i % 50 === 0).every((r) => validate(IngestReading, r).ok)).toBe(true);

    expect(summary).toMatchObject({
      completed: true,
      from: '2026-05-16T14:00:00.000Z',
      to: '2026-05-20T14:00:00.000Z',
      daysDone: 4,
      daysTotal: 4,
      readingsSent: accepted.length,
      retries: 1,
      rejected: 0,
      requests: recorder.measurements.length - 1 + recorder.catalog.length,
    });
    expect(summary.late).toBeGreaterThan(0);
    expect(simulator.progress.phase).toBe('stopped');
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('registers organizations, then installations with units, then meters, and marks the offline meter when its readings stop', async () => {
    const simulator = simulate({
      days: 4,
      batchSize: 5000,
      live: false,
      logger: memoryLogger(),
    });
    await simulator.finished;
    const types = recorder.catalog.map((r) => [...new Set(r.items.map((e) => e.type))]);
    expect(types).toEqual([
      ['OrganizationRegistered'],
      ['InstallationRegistered', 'UnitAdded'],
      ['DeviceRegistered', 'DeviceStatusChanged'],
      ['DeviceStatusChanged'],
    ]);
    const events = recorder.catalog.flatMap((r) => r.items);
    expect(events.filter((e) => !validate(CatalogEventData[e.type], e.data).ok)).toEqual([]);
    expect(
      events.filter((e) => !/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(e.id ?? '')),
    ).toEqual([]);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const offline = recorder.catalog.at(-1)!.items;
    expect(offline).toEqual([
      expect.objectContaining({
        data: { deviceId: 'mtr-biblio', status: 'offline' },
        time: '2026-05-17T14:00:00.000Z',
      }),
    ]);
    // It went out after the request carrying the instant the meter stopped at.
    const lastBeforeOffline = recorder.measurements
      .filter((r) => r.at <= recorder.catalog.at(-1)!.at)
      .flatMap((r) => r.items);
    expect(lastBeforeOffline.some((r) => r.ts >= '2026-05-17T14:00:00.000Z')).toBe(true);
    const organizations = recorder.catalog[0]!.items.map((e) =>
      e.type === 'OrganizationRegistered' ? e.data.visibility : e.type,
    );
    expect(organizations).toEqual(['public', 'private', 'private']);
  });

  it("stops between requests when asked during the backfill, sending what the late meter's pipeline held back", async () => {
    let stopped: Promise<void> | undefined;
    const simulator = simulate({
      days: 30,
      batchSize: 2000,
      logger: memoryLogger(),
    });
    const instantsIn = (readings: IngestReading[], deviceId: string) =>
      new Set(readings.filter((r) => r.deviceId === deviceId && r.variable === 'voltage').map((r) => r.ts));
    // Stop while the late meter's pipeline holds readings back: this request lacks some of its instants.
    recorder.answerMeasurements = (_, readings) => {
      const late = instantsIn(readings, 'mtr-muni-p2');
      if (!stopped && [...instantsIn(readings, 'mtr-muni-p1')].some((ts) => !late.has(ts))) stopped = simulator.stop();
      return undefined;
    };
    const summary = await simulator.backfillDone;
    await stopped;
    expect(summary.completed).toBe(false);
    expect(simulator.progress.phase).toBe('stopped');
    expect(stopped).toBeDefined();
    expect(recorder.measurements.length).toBeLessThan(20);
    const sent = recorder.measurements.flatMap((r) => r.items);
    // Every instant that went out for a steady meter went out for the late one too (meters are generated in fleet order).
    expect([...instantsIn(sent, 'mtr-muni-p2')].sort()).toEqual([...instantsIn(sent, 'mtr-muni-p1')].sort());
  });

  it('reports each item the ingestor rejected as an error, and counts it', async () => {
    recorder.answerMeasurements = (_, readings) => ({
      status: 202,
      body: {
        accepted: readings.length - 1,
        rejected: [{ index: 1, code: 'READING_TIMESTAMP_TOO_OLD', message: 'older than the retention' }],
      },
    });
    const logger = memoryLogger();
    const simulator = simulate({
      days: 0,
      live: false,
      logger,
    });
    const summary = await simulator.backfillDone;
    expect(summary.rejected).toBe(1);
    const errors = logger.lines.filter((l) => l.level === 'error');
    expect(errors).toEqual([
      {
        level: 'error',
        msg: 'ingestor rejected an item',
        obj: {
          index: 1,
          code: 'READING_TIMESTAMP_TOO_OLD',
          reason: 'older than the retention',
          item: recorder.measurements[0]!.items[1],
        },
      },
    ]);
  });

  it("fails with the ingestor's problem code when the credential is refused, and sends nothing more", async () => {
    const logger = memoryLogger();
    const simulator = startSimulator({
      url: recorder.url,
      token: 'wrong',
      days: 1,
      live: true,
      now: () => NOW,
      logger,
    });
    await expect(simulator.backfillDone).rejects.toMatchObject({ code: 'AUTH_CREDENTIAL_INVALID' });
    await expect(simulator.finished).rejects.toMatchObject({ code: 'AUTH_CREDENTIAL_INVALID' });
    expect(simulator.progress.phase).toBe('failed');
    expect(recorder.catalog).toEqual([]);
  });
});
