import { describe, expect, it } from 'vitest';
import { roundTo } from '@medido/measurements';
import { AnswerBytes, bytesOf } from '../src/measurements/answer-bytes.ts';

/** What a writer holds, as text. */
function written(write: (out: AnswerBytes) => void): string {
  const out = new AnswerBytes();
  write(out);
  return Buffer.concat(out.end()).toString('utf8');
}

/** A deterministic pseudo-random sequence (xorshift), so a failure names its case. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

describe('AnswerBytes: numbers byte for byte as JavaScript writes them', () => {
  it('writes rounded decimals, noisy sums, tiny, huge and negative numbers as String does', () => {
    const next = random(20261207);
    const values: [number, number][] = [
      [0, 3],
      [-0, 3],
      [1, 0],
      [0.1 + 0.2, 3],
      [530.1820000000007, 3],
      [550.9999999999931, 3],
      [1e-7, 9],
      [0.000001, 6],
      [123456789012345.6, 1],
      [1e21, 0],
      [-2.5, 0],
      [Number.MAX_SAFE_INTEGER, 0],
      [Number.MIN_VALUE, 12],
    ];
    for (let k = 0; k < 20_000; k++) {
      const decimals = Math.floor(next() * 13);
      const magnitude = 10 ** Math.floor(next() * 16 - 4);
      const raw = (next() - 0.4) * magnitude;
      // Rounded (the answers' case, the fast path), and as computed (noise: the fallback).
      values.push([roundTo(raw, decimals), decimals], [raw, decimals]);
    }
    const text = written((out) => {
      for (const [v, d] of values) {
        out.decimal(v, d);
        out.bytes(bytesOf(','));
      }
    });
    expect(text).toBe(values.map(([v]) => `${String(v)},`).join(''));
  });

  it('ten thousand readings of 0.1 added up by the engine and rounded to the register read exactly 1000', () => {
    let sum = 0;
    for (let k = 0; k < 10_000; k++) sum += 0.1;
    expect(sum).not.toBe(1000);
    expect(written((out) => out.decimal(roundTo(sum, 1), 1))).toBe('1000');
  });

  it('writes integers, and anything not a safe non-negative integer as String does', () => {
    const numbers = [0, 7, 10, 99, 100, 4_294_967_296, Number.MAX_SAFE_INTEGER, -3, 2 ** 60, 1.5];
    expect(written((out) => numbers.forEach((n) => (out.integer(n), out.text(' '))))).toBe(
      numbers.map((n) => `${String(n)} `).join(''),
    );
  });
});

describe('AnswerBytes: chunks', () => {
  it('hands over full chunks as it goes, each written once, and the rest at the end, in order', () => {
    const out = new AnswerBytes();
    const taken: Buffer[] = [];
    const line = 'ñandú,"x"\r\n';
    for (let k = 0; k < 100_000; k++) {
      out.text(line);
      out.integer(k);
      if (k % 1000 === 0) taken.push(...out.takeFull());
    }
    taken.push(...out.end());
    expect(taken.length).toBeGreaterThan(3);
    const expected = Array.from({ length: 100_000 }, (_, k) => `${line}${k}`).join('');
    expect(Buffer.concat(taken).toString('utf8')).toBe(expected);
  });

  it('takes a piece larger than a chunk whole', () => {
    const big = 'a'.repeat(1_000_000);
    expect(written((out) => (out.text('<'), out.bytes(bytesOf(big)), out.text('>')))).toBe(`<${big}>`);
  });
});
