import type { Fill } from '../schemas/measurements.schema.ts';
import type { Cells } from './combine.ts';

/** A bucket of the answer: its grid index (start = boundaries[i], end = boundaries[i + 1]) and value. */
export interface EmittedBucket { i: number; value: number | null; count: number }

/**
 * Applies `fill` to a series' cells:
 * - none: only buckets that hold data;
 * - null: every bucket; empty ones with value null and count 0;
 * - previous: every bucket; an empty one repeats the latest value before it in the window (count 0),
 *   or null when the window has no earlier value. Nothing is carried in from before `from`: the answer
 *   depends on the window only, so every page of it agrees.
 */
export function fillBuckets(cells: Cells, fill: Fill): EmittedBucket[] {
  const out: EmittedBucket[] = [];
  let previous: number | null = null;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c) {
      out.push({ i, value: c.value, count: c.count });
      previous = c.value;
    } else if (fill === 'null') {
      out.push({ i, value: null, count: 0 });
    } else if (fill === 'previous') {
      out.push({ i, value: previous, count: 0 });
    }
  }
  return out;
}
