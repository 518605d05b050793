import { describe, expect, it } from 'vitest';
import { bucketGrid } from '../src/measurements/bucket-grid.ts';
import { cellsOnGrid, firstLastCells, type Cells } from '../src/measurements/combine.ts';
import { fillBuckets } from '../src/measurements/fill.ts';

const T = (iso: string) => Date.parse(iso);
const cells = (...values: ([number, number] | null)[]): Cells =>
  values.map((v) => (v ? { value: v[0], count: v[1], estimated: 0, substituted: 0 } : undefined));
/** A cell's own members (a placed store point keeps its store label too, which no answer reads). */
const members = (placed: Cells): Cells =>
  placed.map((c) =>
    c ? { value: c.value, count: c.count, estimated: c.estimated, substituted: c.substituted } : undefined,
  );

describe('first and last across the meters of a group', () => {
  it('first and last are taken by reading time across meters, counting every reading', () => {
    const grid = bucketGrid(T('2026-01-01T00:00:00Z'), T('2026-01-01T02:00:00Z'), '1h', 'UTC');
    const m1 = [
      { ts: T('2026-01-01T00:10:00Z'), value: 1, quality: 'measured' as const },
      { ts: T('2026-01-01T00:50:00Z'), value: 2, quality: 'measured' as const },
    ];
    const m2 = [
      { ts: T('2026-01-01T00:05:00Z'), value: 7, quality: 'measured' as const },
      { ts: T('2026-01-01T01:30:00Z'), value: 9, quality: 'measured' as const },
    ];
    expect(firstLastCells('first', [m1, m2], grid)).toEqual(cells([7, 3], [9, 1]));
    expect(firstLastCells('last', [m1, m2], grid)).toEqual(cells([2, 3], [9, 1]));
  });
});

describe('placing store buckets on the grid', () => {
  it('places each point at the bucket it names, whatever its start label', () => {
    const grid = bucketGrid(T('2026-09-05T04:00:00Z'), T('2026-09-07T03:00:00Z'), '1d', 'America/Santiago');
    // The store answers on the grid it was given: the index counts, not the label (6 September's nominal
    // midnight −04:00 does not exist; its bucket starts at 01:00 −03:00).
    const placed = cellsOnGrid(
      [
        {
          i: 0,
          start: T('2026-09-05T04:00:00Z'),
          end: T('2026-09-06T04:00:00Z'),
          value: 1,
          count: 1,
          estimated: 0,
          substituted: 0,
        },
        {
          i: 1,
          start: T('2026-09-06T04:00:00Z'),
          end: T('2026-09-07T03:00:00Z'),
          value: 2,
          count: 1,
          estimated: 0,
          substituted: 0,
        },
      ],
      grid,
    );
    expect(members(placed)).toEqual(cells([1, 1], [2, 1]));
  });

  it('treats a null or non-finite value as an empty bucket, and an index off the grid as none', () => {
    const grid = bucketGrid(T('2026-01-01T00:00:00Z'), T('2026-01-01T02:00:00Z'), '1h', 'UTC');
    const point = (i: number, value: number | null) => ({
      i,
      start: T('2026-01-01T00:00:00Z') + i * 3_600_000,
      end: T('2026-01-01T01:00:00Z') + i * 3_600_000,
      value,
      count: 1,
      estimated: 0,
      substituted: 0,
    });
    expect(cellsOnGrid([point(0, null), point(1, Number.NaN), point(2, 5)], grid)).toEqual(cells(null, null));
  });
});

describe('fill', () => {
  const c = cells(null, [4, 2], null, null, [6, 1], null);
  it('none omits empty buckets', () => {
    expect(fillBuckets(c, 'none')).toEqual([
      { i: 1, value: 4, count: 2, estimated: 0, substituted: 0 },
      { i: 4, value: 6, count: 1, estimated: 0, substituted: 0 },
    ]);
  });
  it('null answers every bucket, empty ones with null and count 0', () => {
    expect(fillBuckets(c, 'null').map((p) => p.value)).toEqual([null, 4, null, null, 6, null]);
    expect(fillBuckets(c, 'null').map((p) => p.count)).toEqual([0, 2, 0, 0, 1, 0]);
  });
  it('previous repeats the latest earlier value of the window, null before the first', () => {
    expect(fillBuckets(c, 'previous').map((p) => p.value)).toEqual([null, 4, 4, 4, 6, 6]);
    expect(fillBuckets(c, 'previous').map((p) => p.count)).toEqual([0, 2, 0, 0, 1, 0]);
  });
});
