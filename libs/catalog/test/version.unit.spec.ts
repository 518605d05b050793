import { describe, expect, it } from 'vitest';
import { instantOf, versionOf } from '../src/projection/version.ts';

describe('versionOf', () => {
  it('orders by time, then sequence, then id', () => {
    const ordered = [
      versionOf({ id: 'z', time: '2026-03-02T12:00:00.000Z' }),
      versionOf({ id: 'a', time: '2026-03-02T12:00:00.000Z', sequence: 1 }),
      versionOf({ id: 'b', time: '2026-03-02T12:00:00.000Z', sequence: 1 }),
      versionOf({ id: 'a', time: '2026-03-02T12:00:00.000Z', sequence: 10 }),
      versionOf({ id: 'a', time: '2026-03-02T12:00:00.001Z' }),
      versionOf({ id: 'a', time: '2026-03-03T00:00:00.000Z' }),
    ];
    expect([...ordered].sort()).toEqual(ordered);
  });

  it("orders the sequence extension's string form (zero-padded digits) and the older integer form alike", () => {
    const at = (sequence: string | number) => versionOf({ id: 'a', time: '2026-03-02T12:00:00.000Z', sequence });
    expect(at('0000000009')).toBe(at(9));
    expect(at('0000000010') > at(9)).toBe(true);
    expect(at(10) > at('0000000009')).toBe(true);
  });

  it('compares instants, not how their offset is written', () => {
    expect(versionOf({ id: 'e', time: '2026-03-02T09:00:00-03:00' })).toBe(
      versionOf({ id: 'e', time: '2026-03-02T12:00:00.000Z' }),
    );
    expect(instantOf(versionOf({ id: 'e', time: '2026-03-02T09:00:00-03:00', sequence: 4 }))).toBe(
      '2026-03-02T12:00:00.000Z',
    );
  });

  it('rejects a time that is not a date', () => {
    expect(() => versionOf({ id: 'e', time: 'yesterday' })).toThrow(/invalid time/);
  });
});
