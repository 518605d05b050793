import type { OpenApiDocument } from './openapi-documents.ts';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The property names of a component (inline nested objects included; a `$ref` is its own component). */
function propertyNames(schema: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) {
    for (const item of schema) propertyNames(item, into);
    return into;
  }
  if (!isObject(schema) || typeof schema.$ref === 'string') return into;
  if (isObject(schema.properties)) {
    for (const [name, property] of Object.entries(schema.properties)) {
      into.add(name);
      propertyNames(property, into);
    }
  }
  for (const key of ['items', 'anyOf', 'oneOf', 'allOf', 'additionalProperties']) propertyNames(schema[key], into);
  return into;
}

/** The constant values a schema allows (`enum`, `const`, and the same inside `anyOf`/`oneOf`). */
function enumValues(schema: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) {
    for (const item of schema) enumValues(item, into);
    return into;
  }
  if (!isObject(schema) || typeof schema.$ref === 'string') return into;
  if (Array.isArray(schema.enum)) for (const value of schema.enum) if (typeof value === 'string') into.add(value);
  if (typeof schema.const === 'string') into.add(schema.const);
  for (const key of ['anyOf', 'oneOf', 'items', 'properties'])
    enumValues(
      key === 'properties' && isObject(schema.properties) ? Object.values(schema.properties) : schema[key],
      into,
    );
  return into;
}

/** The text under the `### \`Name\`` heading of a Markdown page, up to the next heading. */
function section(markdown: string, name: string): string | undefined {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => /^#{2,4} /.test(line) && line.includes(`\`${name}\``));
  if (start < 0) return undefined;
  const end = lines.findIndex((line, i) => i > start && /^#{1,4} /.test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/**
 * What a reference page (docs/reference.md, docs/es/referencia.md) lacks of the document's component
 * schemas: a section per component, each of its property names in backticks inside that section, and
 * each allowed constant value in backticks somewhere on the page.
 */
export function missingFromReference(doc: OpenApiDocument, markdown: string): string[] {
  const missing: string[] = [];
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    const text = section(markdown, name);
    if (text === undefined) {
      missing.push(`${name}: no section`);
      continue;
    }
    for (const property of propertyNames(schema))
      if (!text.includes(`\`${property}\``)) missing.push(`${name}.${property}`);
    for (const value of enumValues(schema))
      if (!markdown.includes(`\`${value}\``)) missing.push(`${name}: value ${value}`);
  }
  return missing;
}
