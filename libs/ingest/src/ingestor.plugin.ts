import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { namedComponentsTransform, registerLocalizedOpenApi } from '@medido/platform';
import type { EventBus } from '@medido/event-bus';
import type { ConsumerDirectory } from './admin/consumer-directory.ts';
import { accessQueriesRoute, hasAccessLog } from './admin/access-queries.route.ts';
import { consumerCommandsRoute } from './admin/consumer-commands.route.ts';
import { consumerQueriesRoute } from './admin/consumer-queries.route.ts';
import type { ConsumerRegistry } from './admin/registry/consumer-registry.port.ts';
import { createSqliteConsumerRegistry } from './admin/registry/sqlite-consumer-registry.ts';
import { registerJsonParsers } from './body/json-body.ts';
import { catalogRoute } from './catalog/catalog.route.ts';
import type { Credentials } from './credentials/credentials.ts';
import { measurementsRoute, type MeasurementsRouteOptions } from './measurements/measurements.route.ts';

export interface IngestorPluginOptions {
  bus: EventBus;
  credentials: Credentials;
  /** MEDIDO_INGEST_MAX_BODY_BYTES. */
  maxBodyBytes: number;
  /** The catalog read model, for GET /v1/admin/consumers; omitted, only the commands exist. */
  consumers?: ConsumerDirectory;
  /**
   * The admin commands' registry: createConsumerRegistry(config) in every production host. Omitted (tests),
   * one in memory, which forgets everything at close.
   */
  registry?: ConsumerRegistry;
  /** Where the OpenAPI document (`<prefix>/openapi.json`) and its UI (`<prefix>/docs`) live. */
  docsPrefix?: string;
  now?: () => number;
  /** Called after each accepted measurements or catalog request (the host counts items for /metrics). */
  onIngested?: MeasurementsRouteOptions['onIngested'];
}

/**
 * The ingestor's routes with their own OpenAPI document. Encapsulated (not fastify-plugin): it can
 * share one Fastify instance with the api (the embedded default) without mixing documents, parsers
 * or validators. Errors are left to the host's problem+json handler (problemHandler from
 * @medido/platform), which the host registers on the root instance.
 */
export async function ingestorPlugin(app: FastifyInstance, options: IngestorPluginOptions): Promise<void> {
  const prefix = options.docsPrefix ?? '/ingestor';
  const now = options.now ?? Date.now;
  // TypeBox's own checker: no type coercion and no silent removal of unknown members (Fastify's
  // default Ajv does both), so a typo in an admin command is an error, not a dropped field.
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  // Only JSON (and NDJSON where declared) is read: a text/plain body is 415, not a string to reject later.
  app.removeContentTypeParser('text/plain');
  registerJsonParsers(app);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Medido ingestor',
        version: '1.0.0',
        description:
          'Write side of Medido: meter readings, catalog events and admin commands, published to the event bus. ' +
          'Every answer 202 means the bus stored it; 503 EVENT_BUS_UNAVAILABLE (with Retry-After) means nothing was accepted. ' +
          'Errors are application/problem+json (RFC 9457) with a stable `code`.',
      },
      tags: [
        { name: 'ingest', description: 'Meter pipelines (ingest credential)' },
        { name: 'admin', description: 'Administrators (admin credential)' },
      ],
      components: {
        securitySchemes: {
          ingestCredential: {
            type: 'http',
            scheme: 'bearer',
            description: 'An ingest credential (MEDIDO_INGEST_TOKENS).',
          },
          adminCredential: {
            type: 'http',
            scheme: 'bearer',
            description: 'An admin credential (MEDIDO_ADMIN_TOKENS).',
          },
        },
      },
    },
    // Schemas with an $id become named components (#/components/schemas/IngestAnswer), not def-0.
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
    transform: namedComponentsTransform,
  });
  await app.register(measurementsRoute, {
    bus: options.bus,
    credentials: options.credentials,
    maxBodyBytes: options.maxBodyBytes,
    now,
    ...(options.onIngested ? { onIngested: options.onIngested } : {}),
  });
  await app.register(catalogRoute, {
    bus: options.bus,
    credentials: options.credentials,
    maxBodyBytes: options.maxBodyBytes,
    now,
    ...(options.onIngested ? { onIngested: options.onIngested } : {}),
  });
  const registry = options.registry ?? inMemoryRegistry(app);
  await app.register(consumerCommandsRoute, { bus: options.bus, credentials: options.credentials, registry, now });
  if (options.consumers)
    await app.register(consumerQueriesRoute, { consumers: options.consumers, credentials: options.credentials });
  if (options.consumers && hasAccessLog(options.consumers))
    await app.register(accessQueriesRoute, { access: options.consumers, credentials: options.credentials });
  // <prefix>/openapi.json (by Accept-Language), .en.json, .es.json; the UI switches between them.
  const languageSwitch = registerLocalizedOpenApi(app, {
    documentPrefix: prefix,
    docsPrefix: `${prefix}/docs`,
    document: () => app.swagger(),
  });
  await app.register(swaggerUi, { routePrefix: `${prefix}/docs`, ...languageSwitch });
}

function inMemoryRegistry(app: FastifyInstance): ConsumerRegistry {
  const registry = createSqliteConsumerRegistry({ path: ':memory:' });
  app.addHook('onClose', () => registry.close());
  return registry;
}
