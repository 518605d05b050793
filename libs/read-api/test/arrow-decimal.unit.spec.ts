import { describe, expect, it } from 'vitest';
import { roundTo } from '@medido/measurements';
import { unscaledOf, writeDecimal } from '../src/measurements/arrow-decimal.ts';

/** The 128-bit two's complement integer of cell k. */
function cell(words: Uint32Array, k: number): bigint {
  let n = 0n;
  for (let w = 3; w >= 0; w--) n = (n << 32n) | BigInt(words[k * 4 + w]!);
  return BigInt.asIntN(128, n);
}

describe('Decimal128 cells of rounded answer values', () => {
  it('hold the decimal the JSON answer prints, on the fast path and past it', () => {
    const cases: [number, number, bigint][] = [
      [530.182, 3, 530_182n],
      [-530.182, 4, -5_301_820n],
      [0, 5, 0n],
      [1000, 3, 1_000_000n],
      [0.1, 1, 1n],
      [1e15 + 0.5, 3, 1_000_000_000_000_000_500n],
      [-9.87654321e18, 12, -9_876_543_210_000_000_000_000_000_000_000n],
      [1.5e-7, 9, 150n],
    ];
    const words = new Uint32Array(cases.length * 4);
    cases.forEach(([v, scale], k) => writeDecimal(words, k, v, scale));
    expect(cases.map((_, k) => cell(words, k))).toEqual(cases.map(([, , n]) => n));
  });

  it('agree with the exact decimal text for every rounded value (seeded sample across magnitudes)', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const words = new Uint32Array(4);
    for (let i = 0; i < 20_000; i++) {
      const scale = Math.floor(random() * 13);
      const value = roundTo((random() - 0.5) * 10 ** Math.floor(random() * 19), Math.floor(random() * (scale + 1)));
      writeDecimal(words, 0, value, scale);
      expect(cell(words, 0), `${value} at scale ${scale}`).toBe(unscaledOf(value, scale));
    }
  });
});
