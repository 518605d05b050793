import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { MedidoError } from './errors.ts';
import { MAX_REQUEST_HEAD_BYTES } from './http-server-options.ts';

/** The methods each registered route pattern answers, matched against a concrete path. */
export interface RouteTable {
  add(url: string, methods: string[]): void;
  /** The methods some route answers at `path` (HEAD wherever GET is), empty for an unknown path. */
  methodsOf(path: string): string[];
}

/** find-my-way's pattern syntax: `:name` (optionally `:name(regex)`) is one segment, `*` the rest. */
function patternToRegExp(url: string): RegExp {
  let source = '';
  for (let i = 0; i < url.length; i++) {
    const c = url[i]!;
    if (c === ':' && url[i + 1] !== ':') {
      while (i + 1 < url.length && /[\w-]/.test(url[i + 1]!) && !(url[i + 1] === '-' && url[i + 2] === ':')) i++;
      if (url[i + 1] === '(') {
        let depth = 0;
        do {
          i++;
          if (url[i] === '(') depth++;
          if (url[i] === ')') depth--;
        } while (depth > 0 && i < url.length);
      }
      source += '[^/]+';
    } else if (c === '*') source += '.*';
    else source += c.replace(/[.+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

export function createRouteTable(): RouteTable {
  const routes: { pattern: RegExp; methods: string[] }[] = [];
  return {
    add(url, methods) {
      routes.push({ pattern: patternToRegExp(url), methods });
    },
    methodsOf(path) {
      const found = new Set(routes.filter((r) => r.pattern.test(path)).flatMap((r) => r.methods));
      if (found.has('GET')) found.add('HEAD');
      return [...found].sort();
    },
  };
}

type JsonSchema = {
  type?: unknown;
  properties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};

/** Names of the properties a schema declares as integers (directly or in a union/intersection). */
function integerProperties(schema: JsonSchema | undefined): string[] {
  if (!schema) return [];
  const isInteger = (s: JsonSchema): boolean =>
    s.type === 'integer' ||
    (Array.isArray(s.type) && s.type.includes('integer')) ||
    [...(s.anyOf ?? []), ...(s.oneOf ?? [])].some(isInteger);
  const own = Object.entries(schema.properties ?? {})
    .filter(([, s]) => isInteger(s))
    .map(([name]) => name);
  return [...own, ...[...(schema.allOf ?? []), ...(schema.anyOf ?? [])].flatMap(integerProperties)];
}

const DIGITS = /^-?\d+$/;

/**
 * Query and path integers must be written in digits: the validator's type coercion alone would read
 * `limit=1e3` as 1000, `0x10` as 16 and `1.0` as 1, so a typo'd parameter silently means something else.
 */
function digitsOnly(source: 'querystring' | 'params', names: string[]) {
  return async (request: FastifyRequest) => {
    const values = (source === 'querystring' ? request.query : request.params) as Record<string, unknown> | undefined;
    const issues = names.flatMap((name) => {
      const given = values?.[name];
      const list = Array.isArray(given) ? given : given === undefined ? [] : [given];
      return list
        .filter((v) => typeof v === 'string' && !DIGITS.test(v))
        .map((v) => ({
          path: `/${name}`,
          message: `must be an integer written in digits, not "${String(v).slice(0, 40)}"`,
        }));
    });
    if (issues.length > 0)
      throw new MedidoError(
        'REQUEST_INVALID',
        issues.map((i) => `${source} ${i.path.slice(1)} ${i.message}`).join('; '),
        { issues },
      );
  };
}

function addPreValidation(route: RouteOptions, hook: ReturnType<typeof digitsOnly>): void {
  const existing = route.preValidation;
  route.preValidation = [
    hook,
    ...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]),
  ] as RouteOptions['preValidation'];
}

function headBytes(request: FastifyRequest): number {
  const raw = request.raw.rawHeaders;
  let bytes = 0;
  for (let i = 0; i < raw.length; i += 2) bytes += raw[i]!.length + raw[i + 1]!.length + 4; // "name: value\r\n"
  return bytes;
}

/**
 * HTTP conventions for every route of the instance (register before the routes):
 * - a URL over 16 KiB is 414 URI_TOO_LONG (RFC 9110 §15.5.15); headers over 16 KiB 431 (RFC 6585 §5);
 * - integer query and path parameters are written in digits (400 REQUEST_INVALID otherwise);
 * - every route lands in `routes`, from which the not-found handler answers 405 with `Allow`
 *   (RFC 9110 §15.5.6) when the path exists under another method.
 */
export const httpConventions = fp(
  async (app: FastifyInstance, opts: { routes: RouteTable }) => {
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      opts.routes.add(
        route.url,
        methods.map((m) => m.toUpperCase()),
      );
      const schema = route.schema as { querystring?: JsonSchema; params?: JsonSchema } | undefined;
      for (const source of ['querystring', 'params'] as const) {
        const names = integerProperties(schema?.[source]);
        if (names.length > 0) addPreValidation(route, digitsOnly(source, names));
      }
    });
    app.addHook('onRequest', async (request) => {
      if (request.raw.url!.length > MAX_REQUEST_HEAD_BYTES) {
        throw new MedidoError(
          'URI_TOO_LONG',
          `the URL exceeds ${MAX_REQUEST_HEAD_BYTES / 1024} KiB: send fewer or shorter query parameters`,
        );
      }
      if (request.raw.url!.length + headBytes(request) > MAX_REQUEST_HEAD_BYTES) {
        throw new MedidoError(
          'REQUEST_HEADERS_TOO_LARGE',
          `the request line and headers exceed ${MAX_REQUEST_HEAD_BYTES / 1024} KiB: send fewer or shorter headers`,
        );
      }
    });
  },
  { name: 'http-conventions' },
);
