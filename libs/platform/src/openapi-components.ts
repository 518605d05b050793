type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const COMPONENTS = '#/components/schemas/';
const annotations = new WeakMap<object, Json>();

/**
 * What the OpenAPI document states about a schema beyond what the validator enforces: a handler that
 * answers its own error code for a value (unsupported_grant_type, MEASUREMENTS_WINDOW_INVALID) keeps
 * the validator lenient, and the document still tells clients the allowed values (enum, format, oneOf).
 */
export function documentedAs<T extends object>(schema: T, documented: Json): T {
  annotations.set(schema, documented);
  return schema;
}

/**
 * Every subschema with an `$id` becomes `#/components/schemas/<$id>` and is referenced from where it
 * was: generators then name the types after the schemas (IngestAnswer, DeviceItem) instead of
 * numbering inline shapes. @fastify/swagger drops `$id`s it meets inline, hence this step.
 * A schema used several times inside one route schema names itself by its `title` instead (an identifier
 * such as Series): the serializer refuses one `$id` met twice. A name must mean the same everywhere
 * it appears (the first one is kept).
 * @see https://spec.openapis.org/oas/v3.1.0#components-object
 */
export function hoistNamedSchemas(node: unknown, components: Json): unknown {
  if (Array.isArray(node)) return node.map((item) => hoistNamedSchemas(item, components));
  if (!isObject(node)) return node;
  const copy: Json = {};
  for (const [key, value] of Object.entries({ ...node, ...annotations.get(node) }))
    if (key !== '$id') copy[key] = hoistNamedSchemas(value, components);
  const id = typeof node.$id === 'string' ? node.$id : node.title;
  if (typeof id !== 'string' || !/^[A-Za-z][A-Za-z0-9._-]*$/.test(id)) return copy;
  if (!(id in components)) components[id] = JSON.parse(JSON.stringify(copy)) as Json;
  return { $ref: `${COMPONENTS}${id}` };
}

function annotate(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(annotate);
  if (!isObject(node)) return node;
  return Object.fromEntries(
    Object.entries({ ...node, ...annotations.get(node) }).map(([key, value]) => [key, annotate(value)]),
  );
}

interface SwaggerTransformInput {
  schema: object | undefined;
  url: string;
  openapiObject?: { components?: { schemas?: Json } };
}

/**
 * The `transform` option of @fastify/swagger: hoists the named schemas of a route (params, query,
 * body, responses) into the document's components. A response keeps its description beside the `$ref`.
 */
export function namedComponentsTransform({ schema, url, openapiObject }: SwaggerTransformInput): {
  schema: Json;
  url: string;
} {
  if (!schema || !openapiObject) return { schema: { ...schema }, url };
  const components = ((openapiObject.components ??= {}).schemas ??= {});
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'response' && isObject(value)) {
      out.response = Object.fromEntries(
        Object.entries(value).map(([status, response]) => {
          const hoisted = hoistNamedSchemas(response, components);
          const description = isObject(response) ? response.description : undefined;
          return [
            status,
            isObject(hoisted) && hoisted.$ref && typeof description === 'string'
              ? { description, content: { 'application/json': { schema: hoisted } } }
              : hoisted,
          ];
        }),
      );
    } else if (key === 'querystring' || key === 'params' || key === 'headers') {
      // Parameters are listed one by one: their object stays inline (documented annotations apply).
      out[key] = annotate(value);
    } else {
      out[key] = hoistNamedSchemas(value, components);
    }
  }
  return { schema: out, url };
}
