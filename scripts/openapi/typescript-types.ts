type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A component name as a TypeScript identifier (OAuthErrorCode, DeviceRegisteredInput). */
export const typeName = (name: string) => name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^[^A-Za-z_]/, '_$&');

const propertyKey = (name: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name));

/** A JSDoc block from a description (and format), indented; empty when there is neither. */
export function docComment(schema: unknown, indent: string): string {
  if (!isObject(schema)) return '';
  const lines = [
    typeof schema.description === 'string' ? schema.description : undefined,
    typeof schema.format === 'string' ? `Format: ${schema.format}.` : undefined,
  ]
    .filter((line): line is string => Boolean(line))
    .join('\n')
    .replaceAll('*/', '*\\/')
    .split('\n');
  if (lines.length === 1 && lines[0] === '') return '';
  return `${indent}/**\n${lines.map((line) => `${indent} * ${line}`.trimEnd()).join('\n')}\n${indent} */\n`;
}

/** The TypeScript type of a JSON Schema (the 2020-12 subset the documents use). */
export function tsType(schema: unknown, indent = ''): string {
  if (!isObject(schema)) return 'unknown';
  if (typeof schema.$ref === 'string') return typeName(decodeURIComponent(schema.$ref.split('/').pop()!));
  if ('const' in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(schema[key]))
      return [...new Set((schema[key] as unknown[]).map((s) => wrap(tsType(s, indent))))].join(' | ');
  }
  if (Array.isArray(schema.allOf)) return (schema.allOf as unknown[]).map((s) => wrap(tsType(s, indent))).join(' & ');
  if (Array.isArray(schema.type)) return schema.type.map((t) => tsType({ ...schema, type: t }, indent)).join(' | ');
  switch (schema.type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return `${wrap(tsType(schema.items, indent))}[]`;
    case 'object':
      return objectType(schema, indent);
    default:
      return isObject(schema.properties) ? objectType(schema, indent) : 'unknown';
  }
}

const wrap = (type: string) => (/[|&]/.test(type) && !/^\{[\s\S]*\}$/.test(type) ? `(${type})` : type);

function objectType(schema: Json, indent: string): string {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const inner = `${indent}  `;
  const members = Object.entries(properties).map(
    ([name, property]) =>
      `${docComment(property, inner)}${inner}${propertyKey(name)}${required.has(name) ? '' : '?'}: ${tsType(property, inner)};`,
  );
  if (schema.additionalProperties !== false && Object.keys(properties).length === 0) return 'Record<string, unknown>';
  return members.length === 0 ? 'Record<string, never>' : `{\n${members.join('\n')}\n${indent}}`;
}
