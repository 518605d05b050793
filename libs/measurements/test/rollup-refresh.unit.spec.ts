import { describe, expect, it } from 'vitest';
import { statementsOf } from '../src/rollup-refresh.ts';

const DAY = 86_400_000;

describe('rollup refresh statements', () => {
  it('cut a backlog into short statements that together cover every dirty range exactly, one piece per series each', () => {
    const ranges = Array.from({ length: 300 }, (_, i) => ({
      key: `m-${i}\u001fe`,
      first: Date.UTC(2025, 0, 1) + i * 1_000,
      last: Date.UTC(2025, 0, 1) + (i % 3 === 0 ? 365 : 1) * DAY,
    }));
    const statements = statementsOf(ranges);
    expect(statements.length).toBeGreaterThan(10);
    for (const pieces of statements) {
      expect(new Set(pieces.map((p) => p.key)).size).toBe(pieces.length);
      expect(pieces.reduce((days, p) => days + Math.ceil((p.last - p.first + 1) / DAY) + 1, 0)).toBeLessThanOrEqual(
        2_000,
      );
    }
    for (const range of ranges) {
      const pieces = statements
        .flat()
        .filter((p) => p.key === range.key)
        .sort((a, b) => a.first - b.first);
      expect(pieces[0]!.first).toBe(range.first);
      expect(pieces.at(-1)!.last).toBe(range.last);
      for (let i = 1; i < pieces.length; i++) expect(pieces[i]!.first).toBe(pieces[i - 1]!.last + 1);
    }
  });

  it('keeps a small refresh in one statement', () => {
    expect(
      statementsOf([
        { key: 'a\u001fe', first: 0, last: 1 },
        { key: 'b\u001fe', first: 5, last: 5 },
      ]),
    ).toHaveLength(1);
  });
});
