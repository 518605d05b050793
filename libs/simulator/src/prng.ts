/**
 * Counter-based pseudo-random numbers: a value is a pure function of a seed and a tuple of keys
 * (device, variable, instant), not of how many numbers were drawn before. The same seed therefore
 * gives the same reading at an instant whether the simulator backfilled 2 days or 90, restarted, or
 * sent that instant live — and a test can recompute any reading on its own.
 * @see https://www.thesalmons.org/john/random123/papers/random123sc11.pdf (counter-based generators)
 */

/** FNV-1a, 32-bit: turns a seed or an identifier into a key. @see http://www.isthe.com/chongo/tech/comp/fnv/ */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** One absorption step with MurmurHash3's finalizer, which spreads every input bit over the output. */
function mix(h: number, value: number): number {
  let x = Math.imul(h ^ value, 0x9e3779b1);
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

const TWO_32 = 2 ** 32;

/** A number in [0, 1) determined by `key` and `values`; values may be any safe integers (epoch ms included). */
export function randomAt(key: number, ...values: number[]): number {
  let h = key >>> 0;
  for (const v of values) {
    h = mix(h, (v % TWO_32) >>> 0);
    h = mix(h, Math.floor(v / TWO_32) >>> 0);
  }
  return h / TWO_32;
}

/** A key derived from a parent key and a label, so independent streams never share numbers. */
export function subKey(key: number, label: string): number {
  return mix(key, hashString(label));
}
