import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { namedComponentsTransform, registerLocalizedOpenApi } from '@medido/platform';
import { webhooksSection } from './webhooks-section.ts';

export interface ApiDocsOptions {
  title?: string;
  version?: string;
  serverUrl?: string;
}

const DESCRIPTION = `Medido, the output API of the ChileMedido metering platform, for API consumers.

**Access.** Log in once in a browser (\`GET /auth/login\`, OAuth 2.0) to receive an access token (a JWT, ≤ 15 min) and a refresh token; send \`Authorization: Bearer <access token>\` on every \`/v1\` call and refresh at \`POST /auth/token\`. Only the API-consumer role is accepted.

**Authorization.** Public organizations are readable by every consumer, private ones only with a grant carried in the token. Every organization is listed by \`GET /v1/organizations\`; anything under an organization the caller may not read (installations, units, devices, measurements, including each \`deviceIds\` entry) answers 404 exactly as if it did not exist, so a response never reveals what a private organization holds.

**Pages.** Lists and measurements page with opaque cursors: pass \`nextCursor\` back as \`cursor\` with the same other parameters; \`nextCursor: null\` marks the last page.

**Errors.** Every error is \`application/problem+json\` (RFC 9457) with a stable \`code\`; branch on \`code\`, not on \`title\` or \`detail\`.

**Caching and limits.** Catalog answers carry an \`ETag\` (send \`If-None-Match\` for a 304) and \`Cache-Control: private\`. Requests are limited per consumer; see the \`RateLimit-*\` headers, and \`Retry-After\` on 429.`;

/**
 * OpenAPI 3.1 document at /openapi.json and Swagger UI at /docs, generated from the routes' TypeBox
 * schemas. Register it before the route plugins: it collects routes as they are added.
 */
export const apiDocs = fp(
  async (app: FastifyInstance, opts: ApiDocsOptions) => {
    // The webhooks' named schemas land where the routes' are hoisted (namedComponentsTransform); plain JSON, typed loosely.
    const schemas: Record<string, never> = {};
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: { title: opts.title ?? 'Medido API', version: opts.version ?? '1.0.0', description: DESCRIPTION },
        ...(opts.serverUrl ? { servers: [{ url: opts.serverUrl }] } : {}),
        components: {
          schemas,
          securitySchemes: {
            bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (RFC 9068 access token)' },
          },
        },
        // Plain JSON (hoisted TypeBox schemas): @fastify/swagger copies it as is, its types want openapi-types' shapes.
        webhooks: webhooksSection(schemas) as never,
        tags: [
          { name: 'catalog', description: 'Organizations, installations with their units, meters.' },
          { name: 'measurements', description: 'Readings and their aggregates.' },
          { name: 'identity', description: 'The caller.' },
          {
            name: 'subscriptions',
            description: "Webhooks: change events POSTed to the consumer's URL, signed (Standard Webhooks).",
          },
          {
            name: 'changes',
            description: 'What changed in measurements the caller may read: a feed to pull, a stream to follow.',
          },
        ],
      },
      // Shared schemas become named components (e.g. #/components/schemas/Problem), not def-0.
      refResolver: {
        buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
      },
      transform: namedComponentsTransform,
    });
    // /openapi.json (by Accept-Language), /openapi.en.json, /openapi.es.json; the UI switches between them.
    const languageSwitch = registerLocalizedOpenApi(app, {
      documentPrefix: '',
      docsPrefix: '/docs',
      document: () => app.swagger(),
    });
    await app.register(swaggerUi, { routePrefix: '/docs', ...languageSwitch });
  },
  { name: 'api-docs' },
);
