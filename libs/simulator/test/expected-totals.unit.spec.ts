import { describe, expect, it } from 'vitest';
import { expectedConsumption, expectedConsumptionByBucket } from '../src/index.ts';

const reading = (ts: string, value: number, deviceId = 'dev-1', variable = 'active_energy_import') => ({
  deviceId,
  variable,
  ts,
  value,
});

// America/Santiago: 2026-04-04 starts at 03:00Z (UTC−3); DST ends at the next local midnight, so
// 2026-04-05 starts at 04:00Z (UTC−4) and 2026-04-04 lasts 25 hours.
const APR_3 = '2026-04-03T03:00:00.000Z';
const APR_4 = '2026-04-04T03:00:00.000Z';
const APR_5 = '2026-04-05T04:00:00.000Z';

const readings = [
  reading('2026-04-03T23:00:00.000Z', 100),
  reading('2026-04-04T03:00:00.000Z', 101.5), // exactly local midnight: its 1.5 closes April 3
  reading('2026-04-04T03:15:00.000Z', 102), // +0.5
  reading('2026-04-04T10:00:00.000Z', 0.25), // register reset: +0.25 (the value itself)
  reading('2026-04-04T12:00:00.000Z', 3.25), // +2 after the late 11:00 reading below
  reading('2026-04-04T10:00:00.000Z', 0.25), // re-sent: counted once
  reading('2026-04-05T04:00:00.000Z', 5), // exactly the next local midnight: +1.75 closes April 4
  reading('2026-04-04T11:00:00.000Z', 1.25), // late: +1 from 10:00, and 12:00 now adds 2
  reading('2026-04-04T12:00:00.000Z', 999, 'dev-2'), // another meter
  reading('2026-04-04T12:00:00.000Z', 999, 'dev-1', 'active_power'), // another variable
];

describe('expected consumption under the delta convention', () => {
  it('attributes each increase to the bucket holding t₂ − 1 ms, counting a reset as its new value', () => {
    const query = { deviceId: 'dev-1', variable: 'active_energy_import' };
    expect(expectedConsumptionByBucket(readings, query, [APR_3, APR_4, APR_5])).toEqual([
      1.5,
      0.5 + 0.25 + 1 + 2 + 1.75,
    ]);
  });

  it('answers one window the same way, whatever the instants are written as', () => {
    expect(
      expectedConsumption(readings, { deviceId: 'dev-1', variable: 'active_energy_import', from: APR_4, to: APR_5 }),
    ).toBe(5.5);
    expect(
      expectedConsumption(readings, {
        deviceId: 'dev-1',
        variable: 'active_energy_import',
        from: new Date(APR_3),
        to: Date.parse(APR_4),
      }),
    ).toBe(1.5);
    // One millisecond later the midnight reading no longer closes the window.
    expect(
      expectedConsumption(readings, {
        deviceId: 'dev-1',
        variable: 'active_energy_import',
        from: APR_4,
        to: '2026-04-05T03:59:59.999Z',
      }),
    ).toBe(3.75);
  });

  it('counts nothing without a previous reading, and nothing outside the window', () => {
    expect(
      expectedConsumption(readings, { deviceId: 'dev-2', variable: 'active_energy_import', from: APR_3, to: APR_5 }),
    ).toBe(0);
    expect(
      expectedConsumption(readings, {
        deviceId: 'dev-1',
        variable: 'active_energy_import',
        from: APR_5,
        to: '2026-04-06T04:00:00.000Z',
      }),
    ).toBe(0);
  });

  it('refuses bucket boundaries that do not increase', () => {
    expect(() =>
      expectedConsumptionByBucket(readings, { deviceId: 'dev-1', variable: 'active_energy_import' }, [APR_4, APR_4]),
    ).toThrow('bucket boundaries must increase');
  });
});
