import type {} from '@fastify/swagger';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CatalogReader } from '@medido/catalog';
import { sendLoginFailurePage, sendRefusalPage, sendTokenPage } from './auth-pages.ts';
import { isActiveConsumer } from './consumer-status.ts';
import { LoginError, type OidcClient } from './oidc-client.ts';
import type { TokenService } from './token-service.ts';
import { HtmlPage } from './token.schema.ts';

export interface LoginRoutesOptions {
  oidc: OidcClient;
  tokens: TokenService;
  catalog: Pick<CatalogReader, 'findConsumerBySubject'>;
  publicUrl: string;
  now: () => number;
}

/**
 * The browser login. Neither route reads a return URL, redirect target or anything else from the
 * request that could send the browser elsewhere: /auth/login always goes to the configured provider
 * with the configured callback, and /auth/callback always ends on a page of its own (no open redirect).
 */
export async function loginRoutes(app: FastifyInstance, options: LoginRoutesOptions): Promise<void> {
  const { oidc, tokens, catalog, publicUrl, now } = options;

  const failed = (reply: FastifyReply, error: unknown): FastifyReply => {
    if (!(error instanceof LoginError)) throw error;
    // Messages only: foreign error objects (HTTP client errors) can reach request headers with secrets.
    const cause = error.cause instanceof Error ? error.cause.message : undefined;
    reply.request.log.warn(
      { kind: error.kind, providerError: error.providerError, reason: error.message, cause },
      'login failed',
    );
    return sendLoginFailurePage(reply, error.kind, error.providerError);
  };

  app.get(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Browser sign-in: redirects to the identity provider (authorization code + PKCE)',
        response: {
          303: {
            description: "To the identity provider's authorization endpoint (Location), with the login cookies set.",
            type: 'null',
          },
          503: HtmlPage('The identity provider cannot be reached: a page saying so.'),
        },
      },
    },
    async (request, reply) => {
      try {
        const location = await oidc.startLogin(request, reply);
        return reply.header('cache-control', 'no-store').redirect(location, 303);
      } catch (error) {
        return failed(reply, error);
      }
    },
  );

  app.get(
    '/auth/callback',
    {
      schema: {
        tags: ['auth'],
        summary: 'Where the identity provider returns: shows your access and refresh tokens',
        response: {
          200: HtmlPage('The token page: access token, refresh token and a curl example.'),
          400: HtmlPage(
            'The sign-in was not completed, or this answer does not belong to a sign-in started in this browser: wrong state, another issuer (RFC 9207), a used, expired or swapped code.',
          ),
          403: HtmlPage('The identity is not an active API consumer.'),
          502: HtmlPage('The identity provider failed the code exchange, or its answer could not be verified.'),
          503: HtmlPage('The identity provider cannot be reached.'),
        },
      },
    },
    async (request, reply) => {
      let subject: string;
      try {
        subject = (await oidc.finishLogin(request, reply)).sub;
      } catch (error) {
        return failed(reply, error);
      }
      const consumer = await catalog.findConsumerBySubject(subject);
      if (!isActiveConsumer(consumer, now())) {
        request.log.info({ subject, known: consumer !== null }, 'login refused: not an active API consumer');
        return sendRefusalPage(reply, subject);
      }
      const issued = await tokens.issue(consumer);
      request.log.info({ consumerId: consumer.consumerId }, 'login: tokens issued');
      return sendTokenPage(reply, { ...issued, consumerName: consumer.name }, publicUrl, now());
    },
  );
}
