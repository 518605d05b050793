import type { FastifyInstance, FastifyReply, FastifySchemaValidationError } from 'fastify';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ChangeLogReader } from '@medido/catalog';
import { MedidoError, problemResponses } from '@medido/platform';
import { noteAccess } from '../../../access/access-note.ts';
import { callerOf } from '../../../auth/caller-hook.ts';
import { changeFilterFor, parseAfter, publicChange } from '../../../changes/change-scope.ts';
import { streamChanges, type StreamOptions } from '../../../changes/change-stream.ts';
import { rejectUnknownParameters } from '../../../http/unknown-parameters.ts';
import { AUTH_PROBLEMS, BEARER_SECURITY } from '../../../schemas/common.schema.ts';
import { ChangePage, ChangesQuerystring, StreamQuerystring } from '../../../schemas/changes.schema.ts';

export interface ChangesRoutesOptions {
  changes: ChangeLogReader;
  stream?: Partial<StreamOptions>;
}

const DEFAULT_STREAM: StreamOptions = { pollMs: 250, heartbeatMs: 15_000, batch: 100 };

function refuseInvalid(request: { validationError?: Error & { validation?: FastifySchemaValidationError[] } }): void {
  if (!request.validationError) return;
  const issues = (request.validationError.validation ?? []).map((v) => ({
    path: v.instancePath || '/',
    message: v.message ?? 'is invalid',
  }));
  throw new MedidoError('REQUEST_INVALID', issues.map((i) => `${i.path} ${i.message}`).join('; '), { issues });
}

/** The change feed (pull) and the same changes as Server-Sent Events (push), both off the notifier's change log. */
export default async function changesRoutes(app: FastifyInstance, opts: ChangesRoutesOptions) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const model = app.readModel;
  const stream = { ...DEFAULT_STREAM, ...opts.stream };

  api.get(
    '/changes',
    {
      schema: {
        summary: 'Change feed: new readings, changed buckets and closed days, after a cursor',
        description:
          'The changes the notifier derived from the measurements topic, oldest first, each with the exact meter (or installation) and window [from, to) to re-query. Only what the caller may read: public organizations and its grants; a scope it may not read selects nothing. Keep `next` and pass it as `after` to get only what is new; an id seen twice is the same change (deduplicate on `id`).',
        tags: ['changes'],
        security: BEARER_SECURITY,
        querystring: ChangesQuerystring,
        response: {
          200: { description: 'A page of changes.', content: { 'application/json': { schema: ChangePage } } },
          ...problemResponses([...AUTH_PROBLEMS, 'CURSOR_INVALID', 'DEPENDENCY_UNAVAILABLE']),
        },
      },
      attachValidation: true,
      preValidation: rejectUnknownParameters(Object.keys(ChangesQuerystring.properties), 'REQUEST_INVALID'),
    },
    async (request, typedReply) => {
      const reply = typedReply as unknown as FastifyReply;
      refuseInvalid(request);
      const after = parseAfter(request.query.after);
      const limit = request.query.limit ?? 100;
      const filter = await changeFilterFor(callerOf(request), request.query, model.organizations);
      // Read before the page: every change up to it is already visible (one writer, cursor order), so a
      // `next` past filtered-out changes skips nothing.
      const latest = await opts.changes.latestCursor();
      const page = await opts.changes.changesAfter(filter, after, limit);
      const last = page.at(-1)?.cursor;
      const next =
        page.length === limit
          ? last!
          : ([last, latest, after]
              .filter((c): c is string => !!c)
              .sort()
              .at(-1) ?? null);
      noteAccess(request, {
        organizationIds: [...new Set(page.map((c) => c.organizationId))],
        installationIds: [...new Set(page.map((c) => c.installationId))],
        rows: page.length,
      });
      reply.header('cache-control', 'private, no-store');
      return reply.type('application/json').send({ items: page.map(publicChange), next });
    },
  );

  api.get(
    '/stream',
    {
      schema: {
        summary: 'The change feed as Server-Sent Events',
        description:
          "The same changes as GET /v1/changes, pushed as they are derived: each event has `id` = the change's cursor, `event` = its type and `data` = the change as JSON. Reconnect with `Last-Event-ID` (EventSource does it) or `after` to resume without a gap; without either the stream starts from now. A comment line is sent as heartbeat while idle.",
        tags: ['changes'],
        security: BEARER_SECURITY,
        querystring: StreamQuerystring,
        headers: Type.Object({
          'last-event-id': Type.Optional(
            Type.String({ maxLength: 64, description: 'The last `id` received: resume after it.' }),
          ),
        }),
        response: {
          200: {
            description: 'An endless text/event-stream of changes.',
            content: {
              'text/event-stream': {
                schema: Type.String({
                  description: 'Server-Sent Events: `id`, `event` and `data` lines per change, comments as heartbeats.',
                }),
              },
            },
          },
          ...problemResponses([...AUTH_PROBLEMS, 'CURSOR_INVALID', 'DEPENDENCY_UNAVAILABLE']),
        },
      },
      attachValidation: true,
      preValidation: rejectUnknownParameters(Object.keys(StreamQuerystring.properties), 'REQUEST_INVALID'),
    },
    async (request, typedReply) => {
      const reply = typedReply as unknown as FastifyReply;
      refuseInvalid(request);
      const after =
        parseAfter(request.headers['last-event-id'] || request.query.after) ??
        (await opts.changes.latestCursor()) ??
        undefined;
      const filter = await changeFilterFor(callerOf(request), request.query, model.organizations);
      noteAccess(request, { organizationIds: filter.organizationIds ?? [], rows: 0 });
      const closed = new AbortController();
      request.raw.on('close', () => closed.abort());
      reply.raw.on('close', () => closed.abort());
      // The grants were checked once, from the token: the stream ends when the token does (the client reconnects with a new one).
      const expiry = setTimeout(() => closed.abort(), Math.max(0, callerOf(request).expiresAt - Date.now()));
      expiry.unref();
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        // Nginx and other proxies buffer responses unless told not to; events must arrive as they happen.
        'x-accel-buffering': 'no',
        ...(request.id ? { 'x-request-id': String(request.id) } : {}),
      });
      try {
        await streamChanges(reply.raw, opts.changes, filter, after, stream, closed.signal);
      } catch (error) {
        request.log.warn({ err: error }, 'change stream ended by an error');
      } finally {
        clearTimeout(expiry);
        reply.raw.end();
      }
    },
  );
}
