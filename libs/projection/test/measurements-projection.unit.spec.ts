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
      { deviceId: 'dev-1', variable: 'active_energy_import', ts: Date.parse('2026-04-04T03:00:00.000Z'), value: 10, quality: 'measured', ingestedAt: 42 },
      { deviceId: 'dev-1', variable: 'active_energy_import', ts: Date.parse('2026-04-04T03:15:00.000Z'), value: 12.5, quality: 'measured', ingestedAt: 42 },
      { deviceId: 'dev-2', variable: 'volume', ts: Date.parse('2026-04-04T03:00:00.000Z'), value: 3, quality: 'measured', ingestedAt: 42 },
    ]);
  });

  it('dead-letters poison records with their coordinates and original bytes, and projects the rest', async () => {
    const deps = { bus: fakeBus(), measurements: fakeMeasurements() };
    const wrongType = { ...other, type: 'OrganizationRegistered', data: { organizationId: 'o', name: 'n', visibility: 'public' } };
    const badData = measurementsEvent('e3', 'dev-3', [{ variable: 'Bad Name', ts: 'yesterday', value: 1 }]);
    await projectMeasurementsBatch(batchOf(TOPICS.measurements, ['{not json', good, wrongType, badData, other]), deps);

    expect(deps.measurements.inserts[0]!.rows.map((r) => r.deviceId)).toEqual(['dev-1', 'dev-1', 'dev-2']);
    const letters = deps.bus.published.flatMap((p) => p.records.map((r) => ({ topic: p.topic, letter: JSON.parse(String(r.value)) as DeadLetter })));
    expect(letters.map((l) => [l.topic, l.letter.offset, l.letter.error.code])).toEqual([
      [TOPICS.deadLetter, '0', 'RECORD_NOT_JSON'],
      [TOPICS.deadLetter, '2', 'EVENT_TYPE_UNEXPECTED'],
      [TOPICS.deadLetter, '3', 'EVENT_DATA_INVALID'],
    ]);
    expect(Buffer.from(letters[0]!.letter.value!, 'base64').toString()).toBe('{not json');
    expect(Buffer.from(letters[0]!.letter.headers['medido-request-id']!, 'base64').toString()).toBe('req-1');
  });

  it('dead-letters a record with a reading before 1970, which the store can never hold, instead of retrying it', async () => {
    const deps = { bus: fakeBus(), measurements: fakeMeasurements() };
    const ancient = measurementsEvent('e4', 'dev-1', [
      { variable: 'active_energy_import', ts: '2026-04-04T03:00:00.000Z', value: 1 },
      { variable: 'active_energy_import', ts: '1969-12-31T23:59:59.999Z', value: 2 },
    ]);
    const result = await projectMeasurementsBatch(batchOf(TOPICS.measurements, [ancient, other]), deps);
    expect(result.readings).toBe(1);
    expect(deps.measurements.inserts[0]!.rows.map((r) => r.deviceId)).toEqual(['dev-2']);
    expect(result.deadLetters.map((d) => [d.offset, d.error])).toEqual([
      ['0', { code: 'EVENT_DATA_INVALID', message: 'readings before 1970 cannot be stored', issues: [{ path: '/readings/1/ts', message: 'must not be before 1970-01-01T00:00:00Z' }] }],
    ]);
  });

  it('fails the whole batch, storing nothing, when the dead letters cannot be published', async () => {
    const deps = { bus: fakeBus(), measurements: fakeMeasurements() };
    deps.bus.failing = true;
    await expect(projectMeasurementsBatch(batchOf(TOPICS.measurements, ['{not json', good]), deps)).rejects.toThrow('broker unreachable');
    expect(deps.measurements.inserts).toHaveLength(0);
  });
});
