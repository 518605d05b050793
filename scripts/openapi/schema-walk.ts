import type { OpenApiDocument } from './openapi-documents.ts';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `#/components/schemas/Name` → the component, when the document has it. */
function target(doc: OpenApiDocument, schema: Json): Json | undefined {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/components/schemas/')) return undefined;
  const found = doc.components?.schemas?.[decodeURIComponent(ref.slice('#/components/schemas/'.length))];
  return isObject(found) ? found : undefined;
}

/** A schema is described by its own `description`, or by the component its `$ref` names. */
export function isDescribed(doc: OpenApiDocument, schema: unknown): boolean {
  if (!isObject(schema)) return false;
  if (typeof schema.description === 'string' && schema.description.trim() !== '') return true;
  const named = target(doc, schema);
  return named !== undefined && typeof named.description === 'string' && named.description.trim() !== '';
}

export interface Field {
  pointer: string;
  described: boolean;
}

/**
 * Every property of every schema in the document (paths and components), every parameter, and every
 * component, with a JSON pointer to it (RFC 6901) and whether a reader is told what it means.
 */
export function documentFields(doc: OpenApiDocument): Field[] {
  const fields: Field[] = [];
  const escape = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');
  const visit = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, `${pointer}/${i}`));
      return;
    }
    if (!isObject(node)) return;
    if (isObject(node.properties) && (node.type === 'object' || node.type === undefined)) {
      for (const [name, property] of Object.entries(node.properties)) {
        fields.push({ pointer: `${pointer}/properties/${escape(name)}`, described: isDescribed(doc, property) });
      }
    }
    if (typeof node.in === 'string' && typeof node.name === 'string') {
      fields.push({
        pointer: `${pointer} (parameter ${node.name})`,
        described: isDescribed(doc, node) || isDescribed(doc, node.schema),
      });
    }
    for (const [key, value] of Object.entries(node)) visit(value, `${pointer}/${escape(key)}`);
  };
  visit(doc.paths, '#/paths');
  // OpenAPI 3.1 webhooks (what the api POSTs to consumers) are documented like paths.
  visit(doc.webhooks, '#/webhooks');
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    fields.push({ pointer: `#/components/schemas/${escape(name)}`, described: isDescribed(doc, schema) });
    visit(schema, `#/components/schemas/${escape(name)}`);
  }
  return fields;
}

/** The pointers of the fields nobody described. */
export const undescribedFields = (doc: OpenApiDocument): string[] =>
  documentFields(doc)
    .filter((f) => !f.described)
    .map((f) => f.pointer);
