/**
 * Answer values as Arrow Decimal128 cells: the unscaled integer n of `value = n / 10^scale`, written as
 * four little-endian 32-bit words of a 128-bit two's complement integer (the Arrow columnar format).
 *
 * The values are already rounded (decimals.ts): each is the double nearest a decimal x with at most
 * `scale` decimals, and the JSON answer prints it as `String(value)`, the shortest text that parses back
 * to it — which is x. The cell must hold exactly x·10^scale:
 * - fast path: when |value·10^scale| < 2^51, the product is within 2^51 · 2⁻⁵² < 0.5 of the integer
 *   x·10^scale (one rounding of the double nearest x, one of the product), so Math.round recovers it;
 * - otherwise from the decimal text `String(value)` (digits and exponent), in BigInt.
 * @see https://arrow.apache.org/docs/format/Columnar.html#decimal
 */

export const DECIMAL_PRECISION = 38;

const FAST_LIMIT = 2 ** 51;
const TWO_32 = 2 ** 32;
const POW10 = Array.from({ length: 40 }, (_, k) => 10 ** k);
const MASK_32 = (1n << 32n) - 1n;

/** n / 10^scale equal to the decimal text of `value` (rounded half away from zero if it has more decimals). */
export function unscaledOf(value: number, scale: number): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (!m) throw new RangeError(`not a finite decimal: ${value}`);
  const [, sign, whole, fraction = '', exponent = '0'] = m;
  const shift = scale + Number(exponent) - fraction.length;
  let n = BigInt(whole! + fraction);
  if (shift >= 0) n *= 10n ** BigInt(shift);
  else {
    const unit = 10n ** BigInt(-shift);
    n = (n + unit / 2n) / unit;
  }
  return sign ? -n : n;
}

/** Writes `value` (finite) at cell `k` of `words` (4 words a cell) with `scale` decimals. */
export function writeDecimal(words: Uint32Array, k: number, value: number, scale: number): void {
  const o = k * 4;
  const scaled = value * POW10[scale]!;
  if (Math.abs(scaled) < FAST_LIMIT) {
    const n = Math.round(scaled);
    words[o] = n >>> 0; // ToUint32 is n modulo 2^32, negative n included
    words[o + 1] = Math.floor(n / TWO_32) >>> 0;
    words[o + 2] = words[o + 3] = n < 0 ? 0xffff_ffff : 0;
    return;
  }
  let n = BigInt.asUintN(128, unscaledOf(value, scale));
  for (let w = 0; w < 4; w++, n >>= 32n) words[o + w] = Number(n & MASK_32);
}
