import { describe, expect, it } from 'vitest';
import { answerDecimals, DEFAULT_DECIMALS, roundTo } from '../src/decimals.ts';

describe('exact decimals', () => {
  it('recovers the decimal a Float64 computation approximates', () => {
    let sum = 0;
    for (let k = 0; k < 10_000; k++) sum += 0.1;
    expect(sum).not.toBe(1000);
    expect(roundTo(sum, 1)).toBe(1000);
    expect(roundTo(530.1820000000007, 3)).toBe(530.182);
    expect(roundTo(0.668999999999869, 3)).toBe(0.669);
    expect(roundTo(550.9999999999931, 3)).toBe(551);
  });

  it('rounds from the exact expansion of the double, half away from zero, without -0', () => {
    expect(roundTo(1.0005, 3)).toBe(1.0); // 1.0005 is 1.000499999… in binary
    expect(roundTo(2.5, 0)).toBe(3);
    expect(roundTo(-2.5, 0)).toBe(-3);
    expect(Object.is(roundTo(-0.0001, 3), 0)).toBe(true);
    expect(roundTo(Number.NaN, 3)).toBeNaN();
  });

  it('gives exactly what toFixed gives, for sums near their decimal and values near a half alike', () => {
    const reference = (v: number, d: number) => {
      const r = Number(v.toFixed(d));
      return r === 0 ? 0 : r;
    };
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let k = 0; k < 20_000; k++) {
      const d = k % 13;
      const magnitude = 10 ** Math.floor(random() * 12 - 3);
      const decimal = Math.round((random() - 0.5) * magnitude * 10 ** d) / 10 ** d;
      // A sum's noise, a value just off a half, a random double: every path of the rounding.
      const noisy = [decimal * (1 + 1e-15), decimal + 0.5 / 10 ** d + 1e-13, (random() - 0.5) * magnitude];
      for (const v of noisy) expect(roundTo(v, d), `${v} to ${d}`).toBe(reference(v, d));
    }
  });

  it('answers a mean with three more decimals than its register, a count with none', () => {
    expect(answerDecimals('delta', 3)).toBe(3);
    expect(answerDecimals('avg', 3)).toBe(6);
    expect(answerDecimals('count', 3)).toBe(0);
    expect(answerDecimals('sum', undefined)).toBe(DEFAULT_DECIMALS);
  });
});
