import type { Aggregation } from './measurements-store.port.ts';

/**
 * Exact decimals. Readings are stored as Float64 (the shortest decimal text a meter sent parses to the
 * nearest double), and a variable declares in the catalog how many decimals its register has. A delta,
 * sum, min, max, first or last of readings with d decimals has, as an exact decimal, at most d decimals;
 * its Float64 computation differs from that exact value by far less than half a unit of the d-th decimal
 * (10 000 additions of 7-digit values stay below 10⁻⁶), so rounding to d decimals recovers it exactly.
 * A mean is a quotient without a finite expansion in general: it gets three more decimals than its register.
 * Rounding goes through the exact decimal expansion of the double (`toFixed`), never `x * 10^d`.
 */

/** Decimals assumed for a variable that declares none (events before the declaration existed stay valid). */
export const DEFAULT_DECIMALS = 6;
/** Extra decimals of a mean over its register's. */
export const MEAN_EXTRA_DECIMALS = 3;
/** The most decimals a variable may declare (Float64 keeps 15 significant digits). */
export const MAX_DECIMALS = 9;

/** Decimals an aggregation of a variable with `declared` decimals is answered with. */
export function answerDecimals(aggregation: Aggregation, declared: number | undefined): number {
  if (aggregation === 'count') return 0;
  const d = declared ?? DEFAULT_DECIMALS;
  return aggregation === 'avg' ? d + MEAN_EXTRA_DECIMALS : d;
}

const POWERS_OF_TEN = Array.from({ length: MAX_DECIMALS + MEAN_EXTRA_DECIMALS + 1 }, (_, d) => 10 ** d);
/** Below it, value × 10^d is off the exact product by less than 1/8 (its rounding error is ≤ 2^-53 of it). */
const EXACT_SCALE = 2 ** 50;

/**
 * `value` rounded half away from zero to `decimals` decimals, as the double nearest that decimal.
 * The common case is a sum that is noise away from its decimal (530.1820000000007): when value × 10^d
 * lies within 1/4 of an integer n, the exact product is within 3/8 of n, so n is the rounding (no tie
 * is near), and n / 10^d — one correctly rounded division of two exact doubles — is the double nearest
 * that decimal, as `toFixed` then `Number` give. Anything closer to a half goes through `toFixed`.
 */
export function roundTo(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  const power = POWERS_OF_TEN[decimals];
  if (power !== undefined) {
    const scaled = value * power;
    const n = Math.round(scaled);
    if (Math.abs(scaled) < EXACT_SCALE && Math.abs(scaled - n) < 0.25) return n === 0 ? 0 : n / power;
  }
  const rounded = Number(value.toFixed(decimals));
  return rounded === 0 ? 0 : rounded; // no "-0" in answers
}
