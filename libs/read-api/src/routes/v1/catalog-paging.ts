import type { Page, PageRequest } from '@medido/catalog';
import { MedidoError } from '@medido/platform';
import { queryFingerprint } from '../../http/cursor-codec.ts';
import type { ReadModel } from '../../read-model.ts';

/**
 * Catalog lists page in id order; the cursor carries the last id sent, bound to the route and its filter.
 * Authorization is applied again on every page, so a cursor never widens what a caller sees.
 */
export function catalogPage(
  model: ReadModel,
  route: string,
  filter: unknown,
  query: { limit?: number; cursor?: string },
): { page: PageRequest; fingerprint: string } {
  return pageAt(model, queryFingerprint(route, filter), query);
}

/** The same, for a route whose fingerprint does not depend on the request (computed once). */
export function pageAt(
  model: ReadModel,
  fingerprint: string,
  query: { limit?: number; cursor?: string },
): { page: PageRequest; fingerprint: string } {
  const limit = query.limit ?? model.limits.catalogPageDefault;
  if (!query.cursor) return { page: { limit }, fingerprint };
  const { after } = model.cursors.decode(fingerprint, query.cursor);
  if (typeof after !== 'string' || !after) throw new MedidoError('CURSOR_INVALID', 'the cursor is malformed');
  return { page: { limit, after }, fingerprint };
}

export function nextCursor<T>(model: ReadModel, fingerprint: string, page: Page<T>): string | null {
  return page.next ? model.cursors.encode(fingerprint, { after: page.next }) : null;
}
