import { describe, expect, it } from 'vitest';
import { IngestReading, MeasurementsRecordedData, validate } from '../src/index.ts';
import { isCanonicalUtc, isPlainRecordedData, isPlainValidReading } from '../src/reading-fast-path.ts';
import { mulberry32 } from '@medido/platform/testing/seeded-random';

const base = { deviceId: 'dev-1', variable: 'active_energy_import', ts: '2026-04-04T03:00:00.000Z', value: 1 };
const schemaAccepts = (item: unknown) => validate(IngestReading, item).ok;

describe('the reading fast path', () => {
  it('accepts the shape pipelines send', () => {
    expect(isPlainValidReading({ ...base })).toBe(true);
    expect(isPlainValidReading({ ...base, quality: 'estimated' })).toBe(true);
    expect(isCanonicalUtc('2024-02-29T23:59:59.999Z')).toBe(true);
  });

  it.each([
    ['a leap second (left to the schema)', { ts: '2016-12-31T23:59:60.000Z' }],
    ['29 February of a common year', { ts: '2026-02-29T00:00:00.000Z' }],
    ['an offset', { ts: '2026-04-04T00:00:00.000-03:00' }],
    ['no milliseconds', { ts: '2026-04-04T03:00:00Z' }],
    ['hour 24', { ts: '2026-04-04T24:00:00.000Z' }],
    ['month 13', { ts: '2026-13-04T03:00:00.000Z' }],
    ['a lower-case z', { ts: '2026-04-04T03:00:00.000z' }],
    ['an unknown quality', { quality: 'guessed' }],
    ['an extra member', { unit: 'kWh' }],
    ['a device id starting with a dot', { deviceId: '.dev' }],
    ['a device id of 129 characters', { deviceId: 'd'.repeat(129) }],
    ['an upper-case variable', { variable: 'Energy' }],
    ['a string value', { value: '1' }],
  ])('leaves %s to the schema', (_, change) => {
    expect(isPlainValidReading({ ...base, ...change })).toBe(false);
  });

  it('never accepts what the schema refuses (generated readings)', () => {
    const next = mulberry32(13);
    const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]!;
    const chars = 'aZ09._:-_/ Tz+é';
    const mutate = (s: string) => {
      const at = Math.floor(next() * (s.length + 1));
      return s.slice(0, at) + pick([...chars]) + s.slice(at + (next() < 0.5 ? 1 : 0));
    };
    const digits = (n: number, width: number) => String(n).padStart(width, '0');
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const ts =
        `${digits(Math.floor(next() * 10_000), 4)}-${digits(Math.floor(next() * 14), 2)}-${digits(Math.floor(next() * 33), 2)}T` +
        `${digits(Math.floor(next() * 26), 2)}:${digits(Math.floor(next() * 61), 2)}:${digits(Math.floor(next() * 62), 2)}.${digits(Math.floor(next() * 1000), 3)}Z`;
      const item: Record<string, unknown> = {
        deviceId: next() < 0.2 ? mutate('m-0001') : 'm-0001',
        variable: next() < 0.2 ? mutate('active_energy') : 'active_energy',
        ts: next() < 0.2 ? mutate(ts) : ts,
        value: next() * 1e6,
      };
      if (next() < 0.3) item.quality = pick(['measured', 'estimated', 'substituted', 'other']);
      if (next() < 0.05) item[pick(['unit', 'note', 'extra'])] = 1;
      const fast = isPlainValidReading(item);
      if (fast) accepted++;
      if (fast && !schemaAccepts(item))
        throw new Error(`fast path accepted ${JSON.stringify(item)}, the schema refuses it`);
    }
    // The generator must exercise the fast path's acceptance, not only its refusals.
    expect(accepted).toBeGreaterThan(2_000);
  });
});

describe('the recorded-readings fast path (the projector)', () => {
  const reading = { variable: 'active_energy_import', ts: '2026-04-04T03:00:00.000Z', value: 1 };
  const data = (...readings: unknown[]) => ({ deviceId: 'dev-1', readings });
  const schemaAccepts = (value: unknown) => validate(MeasurementsRecordedData, value).ok;

  it('accepts what the ingestor writes', () => {
    expect(isPlainRecordedData(data(reading, { ...reading, quality: 'substituted', value: -1e15 }))).toBe(true);
  });

  it.each([
    ['no readings', data()],
    ['a reading with a device id', data({ ...reading, deviceId: 'dev-1' })],
    ['a value beyond 10^15', data({ ...reading, value: 1.0000000000000002e15 })],
    ['a NaN value', data({ ...reading, value: Number.NaN })],
    ['an offset', data({ ...reading, ts: '2026-04-04T00:00:00.000-03:00' })],
    ['an unknown quality', data({ ...reading, quality: 'guessed' })],
    ['an extra member of the data', { ...data(reading), unit: 'kWh' }],
    ['a device id starting with a dot', { deviceId: '.dev', readings: [reading] }],
    ['readings that are not an array', { deviceId: 'dev-1', readings: { 0: reading } }],
    ['a reading that is an array', data([reading])],
  ])('leaves %s to the schema', (_, value) => {
    expect(isPlainRecordedData(value)).toBe(false);
  });

  it('never accepts what the schema refuses (generated events)', () => {
    const next = mulberry32(29);
    const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]!;
    let accepted = 0;
    for (let i = 0; i < 5_000; i++) {
      const readings = Array.from({ length: 1 + Math.floor(next() * 4) }, () => {
        const r: Record<string, unknown> = {
          variable: next() < 0.05 ? pick(['Energy', '', '9v', 'a-b']) : 'active_energy',
          ts: next() < 0.05 ? pick(['2026-02-29T00:00:00.000Z', '2026-04-04T03:00:60.000Z', '2026-04-04']) : reading.ts,
          value: next() < 0.05 ? pick([2e15, '1', null, -Infinity]) : (next() - 0.5) * 2e15,
        };
        if (next() < 0.2) r.quality = pick(['measured', 'estimated', 'substituted', 'other']);
        if (next() < 0.03) r[pick(['unit', 'deviceId'])] = 'x';
        return r;
      });
      const value: Record<string, unknown> = {
        deviceId: next() < 0.05 ? pick(['', '-dev', 'd'.repeat(129)]) : 'm-0001',
        readings,
      };
      if (next() < 0.03) value.extra = 1;
      const fast = isPlainRecordedData(value);
      if (fast) accepted++;
      if (fast && !schemaAccepts(value))
        throw new Error(`fast path accepted ${JSON.stringify(value)}, the schema refuses it`);
    }
    expect(accepted).toBeGreaterThan(1_000);
  });
});
