import { describe, expect, it } from 'vitest';
import { doubles } from '../src/arrow-table.ts';

/** Seeded values below 2^53 in magnitude: counts, millisecond times, negative times before 1970. */
function sample(n: number, seed: number, signed: boolean): bigint[] {
  let x = seed;
  const next = () => (x = (x * 1_103_515_245 + 12_345) % 2_147_483_648);
  return Array.from({ length: n }, (_, k) => {
    const magnitude = BigInt(next()) * BigInt(next() % 4_194_304) + BigInt(next());
    const edge = [0n, 1n, 4_294_967_295n, 4_294_967_296n, 2n ** 53n - 1n][k % 5]!;
    const value = k % 7 === 0 ? edge : magnitude;
    return signed && k % 3 === 0 ? -value : value;
  });
}

describe('64-bit columns read as doubles', () => {
  it('equal Number() of every signed value, zero, the 32-bit edges and 2^53 − 1 included', () => {
    const values = BigInt64Array.from(sample(5_000, 7, true));
    expect(Array.from(doubles(values))).toEqual(Array.from(values, Number));
  });

  it('equal Number() of every unsigned value', () => {
    const values = BigUint64Array.from(sample(5_000, 11, false));
    expect(Array.from(doubles(values))).toEqual(Array.from(values, Number));
  });

  it('read a column that starts inside a larger buffer, as Arrow batches do', () => {
    const backing = BigInt64Array.from(sample(64, 3, true));
    const column = new BigInt64Array(backing.buffer, 8 * 5, 40);
    expect(Array.from(doubles(column))).toEqual(Array.from(column, Number));
  });
});
