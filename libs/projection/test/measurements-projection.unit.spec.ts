import { TOPICS } from '@medido/contracts';
import { describe, expect, it } from 'vitest';
import { projectMeasurementsBatch, type DeadLetter } from '../src/index.ts';
import { batchOf, fakeBus, fakeMeasurements, measurementsEvent } from './fakes.ts';

describe('projecting a measurements batch', () => {
  const good = measurementsEvent('e1', 'dev-1', [
    { variable: 'active_energy_import', ts: '2026-04-04T03:00:00.000Z', value: 10 },
    { variable: 'active_energy_import', ts: '2026-04-04T03:15:00.000Z', value: 12.5 },
  ]);
  const other = measurementsEvent('e2', 'dev-2', [{ variable: 'volume', ts: '2026-04-04T03:00:00.000Z', value: 3 }]);

  it('inserts every reading once with a token bound to the offset range', async () => {
    const deps = { bus: fakeBus(), measurements: fakeMeasurements(), now: () => 42 };
    const result = await projectMeasurementsBatch(batchOf(TOPICS.measurements, [good, other], 100), deps);
    expect(result.readings).toBe(3);
    expect(deps.measurements.inserts).toHaveLength(1);
    expect(deps.measurements.inserts[0]!.token).toBe(`${TOPICS.measurements}/0/100-101`);
    expect(deps.measurements.inserts[0]!.rows).toEqual([
      {
        deviceId: 'dev-1',
        variable: 'active_energy_import',
        ts: Date.parse('2026-04-04T03:00:00.000Z'),
        value: 10,
        quality: 'measured',
        ingestedAt: 42,
      },
      {
        deviceId: 'dev-1',
        variable: 'active_energy_import',
        ts: Date.parse('2026-04-04T03:15:00.000Z'),
        value: 12.5,
        quality: 'measured',
        ingestedAt: 42,
      },
      {
        deviceId: 'dev-2',
        variable: 'volume',
        ts: Date.parse('2026-04-04T03:00:00.000Z'),
        value: 3,
        quality: 'measured',
        ingestedAt: 42,
      },
    ]);
  });

  it('dead-letters poison records with their coordinates and original bytes, and projects the rest', async () => {
    const deps = { bus: fakeBus(), measurements: fakeMeasurements() };
    const wrongType = {
      ...other,
      type: 'OrganizationRegistered',
      data: { organizationId: 'o', name: 'n', visibility: 'public' },
    };
    const badData = measurementsEvent('e3', 'dev-3', [{ variable: 'Bad Name', ts: 'yesterday', value: 1 }]);
    await projectMeasurementsBatch(batchOf(TOPICS.measurements, ['{not json', good, wrongType, badData, other]), deps);

    expect(deps.measurements.inserts[0]!.rows.map((r) => r.deviceId)).toEqual(['dev-1', 'dev-1', 'dev-2']);
    const letters = deps.bus.published.flatMap((p) =>
      p.records.map((r) => ({ topic: p.topic, letter: JSON.parse(String(r.value)) as DeadLetter })),
    );
    expect(letters.map((l) => [l.topic, l.letter.offset, l.letter.error.code])).toEqual([
      [TOPICS.deadLetter, '0', 'RECORD_NOT_JSON'],
      [TOPICS.deadLetter, '2', 'EVENT_TYPE_UNEXPECTED'],
      [TOPICS.deadLetter, '3', 'EVENT_DATA_INVALID'],
    ]);
    expect(Buffer.from(letters[0]!.letter.value!, 'base64').toString()).toBe('{not json');
    expect(Buffer.from(letters[0]!.letter.headers['medido-request-id']!, 'base64').toString()).toBe('req-1');
  });

  it('dead-letters a record with a reading outside the storable range, which the store can never hold, instead of retrying it', async () => {
    const deps = { bus: fakeBus(), measurements: fakeMeasurements() };
    const reading = (ts: string) => ({ variable: 'active_energy_import', ts, value: 1 });
    const epoch = measurementsEvent('e4', 'dev-1', [
      reading('2026-04-04T03:00:00.000Z'),
      reading('1970-01-01T00:00:00.000Z'),
    ]);
    const future = measurementsEvent('e5', 'dev-1', [reading('2106-01-01T00:00:00.000Z')]);
    const edges = measurementsEvent('e6', 'dev-3', [
      reading('1970-01-02T00:00:00.000Z'),
      reading('2105-12-31T23:59:59.999Z'),
    ]);
    const result = await projectMeasurementsBatch(batchOf(TOPICS.measurements, [epoch, other, future, edges]), deps);
    expect(result.readings).toBe(3);
    expect(deps.measurements.inserts[0]!.rows.map((r) => r.deviceId)).toEqual(['dev-2', 'dev-3', 'dev-3']);
    const range = '[1970-01-02T00:00:00.000Z, 2106-01-01T00:00:00.000Z)';
    expect(result.deadLetters.map((d) => [d.offset, d.error])).toEqual([
      [
        '0',
        {
          code: 'EVENT_DATA_INVALID',
          message: `readings outside ${range} cannot be stored`,
          issues: [{ path: '/readings/1/ts', message: `must lie in the storable range ${range}` }],
        },
      ],
      [
        '2',
        {
          code: 'EVENT_DATA_INVALID',
          message: `readings outside ${range} cannot be stored`,
          issues: [{ path: '/readings/0/ts', message: `must lie in the storable range ${range}` }],
        },
      ],
    ]);
  });

  describe('a record the store refuses', () => {
    const events = Array.from({ length: 10 }, (_, i) =>
      measurementsEvent(`r${i}`, `dev-${i}`, [{ variable: 'volume', ts: '2026-04-04T03:00:00.000Z', value: i }]),
    );
    const refuses = (row: { deviceId: string }) => row.deviceId === 'dev-3' || row.deviceId === 'dev-8';

    it("is isolated by bisection and dead-lettered with the engine's message; every other record is written once", async () => {
      const deps = { bus: fakeBus(), measurements: fakeMeasurements({ refuses }) };
      const result = await projectMeasurementsBatch(batchOf(TOPICS.measurements, events, 500), deps);

      expect(deps.measurements.inserts.flatMap((i) => i.rows.map((r) => r.deviceId)).sort()).toEqual([
        'dev-0',
        'dev-1',
        'dev-2',
        'dev-4',
        'dev-5',
        'dev-6',
        'dev-7',
        'dev-9',
      ]);
      expect(result.readings).toBe(8);
      expect(result.events.map((e) => e.id)).toEqual(['r0', 'r1', 'r2', 'r4', 'r5', 'r6', 'r7', 'r9']);
      expect(result.deadLetters.map((d) => [d.offset, d.error])).toEqual([
        [
          '503',
          {
            code: 'STORE_REFUSED',
            message: '41 CANNOT_PARSE_DATETIME: the measurements engine refused the readings: cannot read dev-3',
          },
        ],
        [
          '508',
          {
            code: 'STORE_REFUSED',
            message: '41 CANNOT_PARSE_DATETIME: the measurements engine refused the readings: cannot read dev-8',
          },
        ],
      ]);
      const letters = deps.bus.published.flatMap((p) =>
        p.records.map((r) => [p.topic, r.headers?.['medido-error-code'], JSON.parse(String(r.value)).offset]),
      );
      expect(letters).toEqual([
        [TOPICS.deadLetter, 'STORE_REFUSED', '503'],
        [TOPICS.deadLetter, 'STORE_REFUSED', '508'],
      ]);
    });

    it('gives every write a distinct token derived from its offset range, the same on a retry', async () => {
      const tokensOf = async () => {
        const deps = { bus: fakeBus(), measurements: fakeMeasurements({ refuses }) };
        await projectMeasurementsBatch(batchOf(TOPICS.measurements, events, 500), deps);
        return deps.measurements.attempts;
      };
      const tokens = await tokensOf();
      const p = `${TOPICS.measurements}/0`;
      expect(tokens).toEqual([
        `${p}/500-509`,
        `${p}/500-504`,
        `${p}/500-502`,
        `${p}/503-504`,
        `${p}/503-503`,
        `${p}/504-504`,
        `${p}/505-509`,
        `${p}/505-507`,
        `${p}/508-509`,
        `${p}/508-508`,
        `${p}/509-509`,
      ]);
      expect(new Set(tokens).size).toBe(tokens.length);
      expect(await tokensOf()).toEqual(tokens);
    });

    it('is not confused with an outage: an unavailable store fails the whole batch (retried by the bus), dead-lettering nothing', async () => {
      const deps = { bus: fakeBus(), measurements: fakeMeasurements({ refuses }) };
      deps.measurements.unavailable = true;
      await expect(projectMeasurementsBatch(batchOf(TOPICS.measurements, events, 500), deps)).rejects.toThrow(
        'ECONNREFUSED',
      );
      expect(deps.measurements.attempts).toEqual([`${TOPICS.measurements}/0/500-509`]);
      expect(deps.bus.published).toEqual([]);
    });
  });

  it('fails the whole batch, storing nothing, when the dead letters cannot be published', async () => {
    const deps = { bus: fakeBus(), measurements: fakeMeasurements() };
    deps.bus.failing = true;
    await expect(projectMeasurementsBatch(batchOf(TOPICS.measurements, ['{not json', good]), deps)).rejects.toThrow(
      'broker unreachable',
    );
    expect(deps.measurements.inserts).toHaveLength(0);
  });
});
