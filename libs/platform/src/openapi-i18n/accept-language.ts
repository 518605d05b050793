/**
 * The language of `supported` an `Accept-Language` header prefers (RFC 9110 §12.5.4, basic filtering of
 * RFC 4647 §3.3.1): the highest q-value wins, `q=0` refuses, a range matches its language and every
 * subtag of it (`es` matches `es-CL`, `es-CL` matches `es`), `*` matches any language not named.
 * No header, or nothing acceptable, gives `fallback`.
 */
export function preferredLanguage<L extends string>(
  header: string | undefined,
  supported: readonly L[],
  fallback: L,
): L {
  if (!header) return fallback;
  const ranges = header
    .split(',')
    .map((part, order) => {
      const [range = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim().match(/^q=([01](?:\.\d{0,3})?)$/i)).find(Boolean);
      return { range: range.trim().toLowerCase(), q: q ? Number(q[1]) : 1, order };
    })
    .filter((r) => r.range !== '');
  const primary = (tag: string) => tag.split('-')[0]!;
  const named = new Set(ranges.map((r) => primary(r.range)));
  let best: { language: L; q: number; order: number } | undefined;
  for (const language of supported) {
    const match =
      ranges.find((r) => primary(r.range) === language) ?? ranges.find((r) => r.range === '*' && !named.has(language));
    if (!match || match.q <= 0) continue;
    if (!best || match.q > best.q || (match.q === best.q && match.order < best.order))
      best = { language, q: match.q, order: match.order };
  }
  return best?.language ?? fallback;
}
