type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The members of an OpenAPI document written for people: what a translation replaces, and nothing else. */
const PROSE_KEYS = new Set(['description', 'summary']);

/**
 * Every prose text of the document (each `description` and `summary` string, of the info, tags,
 * operations, parameters, responses, schemas and security schemes). A schema property that is itself
 * named `description` is an object, not a string, so it is walked, not collected.
 */
export function proseTexts(document: unknown): Set<string> {
  const texts = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (PROSE_KEYS.has(key) && typeof value === 'string') texts.add(value);
      else visit(value);
    }
  };
  visit(document);
  return texts;
}

/**
 * A copy of the document with each prose text replaced by its entry in the catalogue (a text without
 * one stays as it is; test/quality/openapi-i18n.unit.spec.ts fails on it). Paths, schemas, `$ref`s,
 * names and codes are copied unchanged.
 */
export function translateDocument<T>(document: T, catalogue: Readonly<Record<string, string>>): T {
  const copy = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(copy);
    if (!isObject(node)) return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [
        key,
        PROSE_KEYS.has(key) && typeof value === 'string'
          ? Object.hasOwn(catalogue, value)
            ? catalogue[value]
            : value
          : copy(value),
      ]),
    );
  };
  return copy(document) as T;
}
