import type {} from '@fastify/swagger';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type Type from 'typebox';
import { ACCESS_SCOPE, type RefreshFailure, type TokenService } from './token-service.ts';
import { OAuthError, RevokeRequest, TokenRequest, TokenResponse } from './token.schema.ts';

export interface TokenRoutesOptions {
  tokens: TokenService;
  /** Requests per client address per minute, to both endpoints together (MEDIDO_TOKEN_RATE_LIMIT_PER_MINUTE). */
  rateLimitPerMinute: number;
  onRefreshFailure?: (reason: RefreshFailure) => void;
}

type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_grant'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'unsupported_token_type'
  | 'slow_down';

/** Token responses and their errors must never be cached (RFC 6749 §5.1, §5.2). */
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

function oauthError(reply: FastifyReply, error: OAuthErrorCode, description: string, status = 400): FastifyReply {
  return reply.code(status).headers(NO_STORE).send({ error, error_description: description });
}

/**
 * What is wrong, in words a developer can act on (RFC 6749 §5.2 `error_description`). Telling them
 * apart helps no attacker: each presupposes holding the token (256 random bits), and a thief learns
 * nothing about the tokens they do not hold.
 */
const INVALID_GRANT: Record<RefreshFailure, string> = {
  malformed:
    'refresh_token is not a Medido refresh token (mdo_rt_ followed by 43 base64url characters); an access token cannot be refreshed.',
  unknown:
    'The refresh token is not known here (mistyped, from another Medido, or expired long ago); sign in again at /auth/login.',
  revoked:
    'The refresh token has been revoked (sign-out, reuse detection or an administrator); sign in again at /auth/login.',
  reused:
    'The refresh token was already used: a refresh token works once, and presenting a used one revokes every token of that sign-in (RFC 9700 §4.14.2). Keep the new refresh token of each answer; sign in again at /auth/login.',
  expired:
    "The refresh token has expired (unused for longer than its idle lifetime, or past the sign-in's absolute lifetime); sign in again at /auth/login.",
  client_mismatch:
    'client_id does not name the API consumer this refresh token was issued to (RFC 6749 §6): send your consumer id, or no client_id at all.',
  consumer_inactive:
    'The API consumer this refresh token belongs to is disabled or has expired; ask a Medido administrator.',
};

/**
 * `POST /auth/token` (refresh_token grant, RFC 6749 §6) and `POST /auth/revoke` (RFC 7009). Errors
 * inside this scope answer RFC 6749 error objects, not problem+json, as OAuth clients expect.
 */
export async function tokenRoutes(app: FastifyInstance, options: TokenRoutesOptions): Promise<void> {
  const { tokens, onRefreshFailure } = options;
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded'))
    await app.register(formbody, { bodyLimit: 16_384 });
  // Per client address, before the body is read: guessing or replaying refresh tokens, or flooding the
  // store with revocations, costs the caller a minute per budget. Counters live in this process.
  await app.register(rateLimit, {
    max: options.rateLimitPerMinute,
    timeWindow: 60_000,
    errorResponseBuilder: (_request, context) =>
      Object.assign(
        new Error(
          `Too many requests from this address: at most ${context.max} per minute to /auth/token and /auth/revoke; retry in ${context.after}.`,
        ),
        { statusCode: 429 },
      ),
  });

  // Malformed or unsupported bodies are the client's fault: RFC 6749 calls that invalid_request.
  // Anything else (a store outage) goes on to the application's problem+json handler.
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    // RFC 6749 has no code for throttling; `slow_down` is the registered token-endpoint one (RFC 8628 §3.5).
    // The plugin has set Retry-After (RFC 9110 §10.2.3).
    if (error.statusCode === 429) return oauthError(reply, 'slow_down', error.message, 429);
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return oauthError(
        reply,
        'invalid_request',
        'The request body must be application/x-www-form-urlencoded or JSON.',
      );
    }
    throw error;
  });

  app.post<{ Body: Type.Static<typeof TokenRequest> }>(
    '/auth/token',
    {
      attachValidation: true,
      schema: {
        tags: ['auth'],
        summary: 'Refresh: a new access token and a new refresh token',
        description:
          'RFC 6749 §6 with refresh-token rotation: the refresh token sent is used up; presenting it again revokes every token of that login (RFC 9700 §4.14.2). 429 `slow_down` with Retry-After when the client address exceeds its budget (shared with /auth/revoke).',
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        body: TokenRequest,
        response: { 200: TokenResponse, 400: OAuthError, 429: OAuthError },
      },
    },
    async (request, reply) => {
      if (request.validationError || !request.body)
        return oauthError(reply, 'invalid_request', 'grant_type is required; each parameter may appear once.');
      const { grant_type: grantType, refresh_token: refreshToken, client_id: clientId, scope } = request.body;
      if (grantType !== 'refresh_token')
        return oauthError(
          reply,
          'unsupported_grant_type',
          'Only grant_type=refresh_token is supported here; sign in at /auth/login for a first token.',
        );
      if (!refreshToken) return oauthError(reply, 'invalid_request', 'refresh_token is required.');
      if (scope !== undefined && scope.split(' ').some((s) => s !== ACCESS_SCOPE))
        return oauthError(reply, 'invalid_scope', `The only scope is ${ACCESS_SCOPE}.`);
      const result = await tokens.refresh(refreshToken, clientId === undefined ? {} : { clientId });
      if (!result.ok) {
        request.log.info({ reason: result.reason }, 'refresh refused');
        onRefreshFailure?.(result.reason);
        return oauthError(reply, 'invalid_grant', INVALID_GRANT[result.reason]);
      }
      const t = result.tokens;
      return reply.headers(NO_STORE).send({
        access_token: t.accessToken,
        token_type: t.tokenType,
        expires_in: t.expiresIn,
        refresh_token: t.refreshToken,
        refresh_token_expires_in: t.refreshExpiresIn,
        scope: t.scope,
      });
    },
  );

  app.post<{ Body: Type.Static<typeof RevokeRequest> }>(
    '/auth/revoke',
    {
      attachValidation: true,
      schema: {
        tags: ['auth'],
        summary: 'Sign out: revoke a refresh token and every token of its login',
        description:
          'RFC 7009. Answers 200 for unknown or already revoked tokens. Access tokens are not revocable: they expire within 15 minutes. 429 `slow_down` with Retry-After when the client address exceeds its budget (shared with /auth/token).',
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        body: RevokeRequest,
        response: {
          200: { description: 'Revoked, or the token was unknown or already revoked (RFC 7009 §2.2).', type: 'null' },
          400: OAuthError,
          429: OAuthError,
        },
      },
    },
    async (request, reply) => {
      if (request.validationError || !request.body)
        return oauthError(reply, 'invalid_request', 'token is required; each parameter may appear once.');
      // token_type_hint is only a hint (RFC 7009 §2.1): the token's own shape decides. A JWT is an access
      // token: stateless, so it cannot be revoked, and answering 200 would pretend it was.
      const { token, client_id: clientId } = request.body;
      if (token.split('.').length === 3) {
        return reply.code(400).headers(NO_STORE).send({
          error: 'unsupported_token_type',
          error_description: 'Access tokens cannot be revoked; revoke the refresh token.',
        });
      }
      await tokens.revoke(token, clientId === undefined ? {} : { clientId });
      return reply.code(200).headers(NO_STORE).send();
    },
  );
}
