import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocuments, type OpenApiDocument } from './openapi-documents.ts';
import { docComment, tsType, typeName } from './typescript-types.ts';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const CLIENT_DIR = join(import.meta.dirname, '../../libs/client/src/generated');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
/** Query parameter → response member of a cursor-paged list (read API: cursor/nextCursor; admin: after/next). */
const CURSORS: [string, string][] = [
  ['cursor', 'nextCursor'],
  ['after', 'next'],
];

const pascal = (text: string) => text.replace(/(^|[^A-Za-z0-9])([A-Za-z0-9])/g, (_m, _s, c: string) => c.toUpperCase());

/** GET /v1/organizations/{id} → getOrganizationsById; POST /auth/token → postAuthToken. */
export function operationName(method: string, path: string): string {
  const parts = path
    .split('/')
    .filter((p) => p && p !== 'v1')
    .map((p) => (p.startsWith('{') ? `By${pascal(p.slice(1, -1))}` : pascal(p.replace(/^\./, ''))));
  return `${method}${parts.join('')}`;
}

function jsonSchemaOf(content: unknown): unknown {
  if (!isObject(content)) return undefined;
  const json =
    content['application/json'] ??
    Object.entries(content).find(([type]) => type.includes('json'))?.[1] ??
    Object.values(content)[0];
  return isObject(json) ? json.schema : undefined;
}

function resolve(doc: OpenApiDocument, schema: unknown): Json | undefined {
  if (!isObject(schema)) return undefined;
  if (typeof schema.$ref !== 'string') return schema;
  const found = doc.components?.schemas?.[schema.$ref.split('/').pop()!];
  return isObject(found) ? found : undefined;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: unknown;
}

function operationSource(doc: OpenApiDocument, method: string, path: string, operation: Json): string {
  const name = operationName(method, path);
  const parameters = (Array.isArray(operation.parameters) ? operation.parameters : []) as Parameter[];
  const group = (where: string) => parameters.filter((p) => p.in === where);
  const members: string[] = [];
  for (const [where, key] of [
    ['path', 'params'],
    ['query', 'query'],
  ] as const) {
    const list = group(where);
    if (list.length === 0) continue;
    const body = list
      .map(
        (p) =>
          `${docComment({ description: p.description ?? (isObject(p.schema) ? p.schema.description : undefined) }, '      ')}      ${p.name}${p.required ? '' : '?'}: ${tsType(p.schema, '      ')};`,
      )
      .join('\n');
    members.push(`    ${key}${list.some((p) => p.required) ? '' : '?'}: {\n${body}\n    };`);
  }
  const requestBody = operation.requestBody as Json | undefined;
  if (requestBody)
    members.push(`    body${requestBody.required ? '' : '?'}: ${tsType(jsonSchemaOf(requestBody.content), '    ')};`);
  const responses = isObject(operation.responses) ? operation.responses : {};
  const success = Object.entries(responses).find(([status]) => /^2/.test(status))?.[1] as Json | undefined;
  const schema = success ? jsonSchemaOf(success.content) : undefined;
  const result = schema === undefined ? 'void' : tsType(schema, '  ');
  const argsOptional = members.every((m) => /^ {4}\w+\?:/.test(m));
  const args = members.length === 0 ? '' : `args${argsOptional ? '?' : ''}: {\n${members.join('\n')}\n  }`;
  const pathExpr =
    '`' + path.replace(/\{([^}]+)\}/g, (_m, p: string) => `\${encodeURIComponent(String(args.params.${p}))}`) + '`';
  const call = `transport({ method: '${method.toUpperCase()}', path: ${pathExpr}${group('query').length ? ', query: args?.query' : ''}${requestBody ? ', body: args?.body' : ''} }) as Promise<${result}>`;
  const doc1 = docComment(
    { description: `${method.toUpperCase()} ${path}${operation.summary ? `: ${String(operation.summary)}` : ''}` },
    '    ',
  );
  let source = `${doc1}    ${name}: (${args}) => ${call},\n`;
  const resolved = resolve(doc, schema);
  const cursor = CURSORS.find(
    ([param, member]) =>
      group('query').some((p) => p.name === param) && isObject(resolved?.properties) && member in resolved.properties,
  );
  if (cursor) {
    const [param, member] = cursor;
    source +=
      `${docComment({ description: `Every page of ${method.toUpperCase()} ${path}, following \`${member}\` until it is null.` }, '    ')}` +
      `    ${name}Pages: (${args}) => pages<${result}>((${param}) => transport({ method: 'GET', path: ${pathExpr}, query: { ...args?.query, ...(${param} === undefined ? {} : { ${param} }) } }) as Promise<${result}>, (page) => page.${member}),\n`;
  }
  return source;
}

/** The TypeScript client of one document: its components as types, its operations over a Transport. */
export function renderClient(doc: OpenApiDocument, factory: string): string {
  const types = Object.entries(doc.components?.schemas ?? {})
    .map(([name, schema]) => `${docComment(schema, '')}export type ${typeName(name)} = ${tsType(schema)};\n`)
    .join('\n');
  const operations = Object.entries(doc.paths)
    .flatMap(([path, item]) =>
      METHODS.filter((method) => isObject(item[method])).map((method) =>
        operationSource(doc, method, path, item[method] as Json),
      ),
    )
    .join('');
  return `// Generated by scripts/openapi/generate-client.ts from ${doc.info.title} ${doc.info.version}. Do not edit:
// run \`node scripts/openapi/generate-client.ts\` (a unit test fails when this file is out of date).
import { pages } from '../pages.ts';
import type { Transport } from '../transport.ts';

${types}
/** The operations of ${doc.info.title}, typed, over a transport (fetchTransport, or one with retries of its own). */
export function ${factory}(transport: Transport) {
  return {
${operations}  };
}
`;
}

export async function generateClients(): Promise<Record<string, string>> {
  const { api, ingestor } = await openApiDocuments();
  return { 'api.ts': renderClient(api, 'apiClient'), 'ingestor.ts': renderClient(ingestor, 'ingestorClient') };
}

if (import.meta.main) {
  for (const [file, source] of Object.entries(await generateClients())) writeFileSync(join(CLIENT_DIR, file), source);
}
