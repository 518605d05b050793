import type { Fill } from '../schemas/measurements.schema.ts';
import type { Cells } from './combine.ts';

/**
 * A bucket of the answer: its grid index (start = edges[i], end = edges[i + 1] of the grid's buckets), value (or
 * values, with several aggregations), and the counts of the readings that made it.
 */
export interface EmittedBucket {
  i: number;
  value: number | null;
  count: number;
  estimated: number;
  substituted: number;
  values?: (number | null)[];
}

/**
 * Applies `fill` to a series' cells, which become its buckets (`several`: the number of aggregations when
 * several were asked, whose `values` are filled alike):
 * - none: only buckets that hold data;
 * - null: every bucket; empty ones with value null and count 0;
 * - previous: every bucket; an empty one repeats the latest value before it in the window (count 0),
 *   or null when the window has no earlier value. Nothing is carried in from before `from`: the answer
 *   depends on the window only, so every page of it agrees.
 */
export function fillBuckets(cells: Cells, fill: Fill, several = 0): EmittedBucket[] {
  const out: EmittedBucket[] = [];
  let previous: number | null = null;
  let previousValues: (number | null)[] | undefined = several ? new Array<null>(several).fill(null) : undefined;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c) {
      // A cell is emitted as it is, given its index: cells are built for this answer alone, and copying
      // each would allocate one object per bucket of a large answer.
      const bucket = c as EmittedBucket;
      bucket.i = i;
      out.push(bucket);
      previous = c.value;
      previousValues = c.values;
    } else if (fill === 'null') {
      out.push(
        several
          ? { i, value: null, count: 0, estimated: 0, substituted: 0, values: new Array<null>(several).fill(null) }
          : { i, value: null, count: 0, estimated: 0, substituted: 0 },
      );
    } else if (fill === 'previous') {
      out.push(
        several
          ? { i, value: previous, count: 0, estimated: 0, substituted: 0, values: [...previousValues!] }
          : { i, value: previous, count: 0, estimated: 0, substituted: 0 },
      );
    }
  }
  return out;
}
