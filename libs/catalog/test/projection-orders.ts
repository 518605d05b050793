import { isDeepStrictEqual } from 'node:util';
import { UNCHANGED, type Projected } from '../src/projection/documents.ts';

/**
 * Folds `events` through `project` in EVERY order (n! of them: keep n ≤ 7) and returns the distinct
 * final documents: an order-independent projection yields exactly one. Orders sharing a prefix share
 * its fold, so this costs far fewer projections than folding each order from scratch.
 */
export function outcomesOfAllOrders<E, D>(
  events: readonly E[],
  project: (event: E, doc: D | null) => Projected<D>,
): (D | null)[] {
  const outcomes: (D | null)[] = [];
  const visit = (doc: D | null, rest: readonly E[]): void => {
    if (rest.length === 0) {
      if (!outcomes.some((o) => isDeepStrictEqual(o, doc))) outcomes.push(doc);
      return;
    }
    rest.forEach((e, i) => {
      const next = project(e, doc);
      visit(next === UNCHANGED ? doc : next, [...rest.slice(0, i), ...rest.slice(i + 1)]);
    });
  };
  visit(null, events);
  return outcomes;
}
