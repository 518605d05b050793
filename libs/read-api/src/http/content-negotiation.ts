import { MedidoError } from '@medido/platform';

/**
 * Picks the representation from the Accept header (RFC 9110 §12.5.1): each offered type takes the q-value
 * of the most specific range that matches it (so `text/csv;q=0, *\/*` refuses CSV); the highest q wins,
 * ties go to the first offered (JSON). No Accept means anything; nothing acceptable is a 406.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-12.5.1
 */
export function negotiate<T extends string>(accept: string | undefined, offered: readonly T[]): T {
  if (!accept || !accept.trim()) return offered[0]!;
  const ranges = accept.split(',').map((range) => {
    const [media = '', ...params] = range
      .trim()
      .toLowerCase()
      .split(';')
      .map((s) => s.trim());
    const q = params.find((p) => p.startsWith('q='));
    return { media, q: q ? Number(q.slice(2)) : 1 };
  });
  let best: { type: T; q: number } | undefined;
  for (const type of offered) {
    const [main] = type.split('/');
    let match: { specificity: number; q: number } | undefined;
    for (const r of ranges) {
      const specificity = r.media === type ? 2 : r.media === `${main}/*` ? 1 : r.media === '*/*' ? 0 : -1;
      if (specificity >= 0 && (!match || specificity > match.specificity)) match = { specificity, q: r.q };
    }
    if (match && match.q > 0 && (!best || match.q > best.q)) best = { type, q: match.q };
  }
  if (!best) throw new MedidoError('NOT_ACCEPTABLE', `this resource is available as ${offered.join(' or ')}`);
  return best.type;
}
