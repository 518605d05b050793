import { createHash, randomBytes } from 'node:crypto';
import type {} from '@fastify/cookie';
import oauth2, { type OAuth2Namespace } from '@fastify/oauth2';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { createIdTokenVerifier, IdTokenError, type IdTokenClaims, type IdTokenVerifier } from './id-token-verifier.ts';
import { discoverProvider, normalizeIssuer } from './oidc-discovery.ts';

export interface OidcSettings {
  /** The provider's issuer URL; its discovery document is read from `${issuer}/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  /** Medido's api is a confidential client: the code is exchanged server-side with this secret. */
  clientSecret: string;
}

/** Why a login failed; each has its own page. None of them yields tokens. */
export type LoginFailure =
  | 'provider_unavailable'
  | 'provider_error'
  | 'state_mismatch'
  | 'issuer_mismatch'
  | 'code_rejected'
  | 'token_exchange_failed'
  | 'id_token_invalid';

export class LoginError extends Error {
  override name = 'LoginError';
  readonly kind: LoginFailure;
  /** The provider's RFC 6749 §4.1.2.1 error code, for `provider_error`. */
  readonly providerError: string | undefined;
  constructor(kind: LoginFailure, message: string, options: { cause?: unknown; providerError?: string } = {}) {
    super(message, { cause: options.cause });
    this.kind = kind;
    this.providerError = options.providerError;
  }
}

export interface OidcClient {
  /** Sets the state, PKCE verifier and nonce cookies on `reply`; resolves the provider URL to redirect to. */
  startLogin(request: FastifyRequest, reply: FastifyReply): Promise<string>;
  /** Checks state, exchanges the code (with the PKCE verifier), validates the ID token; clears the cookies. */
  finishLogin(request: FastifyRequest, reply: FastifyReply): Promise<IdTokenClaims>;
}

/**
 * `__Host-` cookies: only a secure origin can set them, host-only and for Path=/, so neither a sibling
 * subdomain nor a plaintext response can plant a state of their own (login CSRF). Browsers treat
 * http://localhost and http://127.0.0.1 as secure contexts, so the embedded default works unchanged.
 * Ten minutes to complete a login.
 */
export const STATE_COOKIE = '__Host-medido-oauth-state';
export const VERIFIER_COOKIE = '__Host-medido-oauth-verifier';
export const NONCE_COOKIE = '__Host-medido-oidc-nonce';
const COOKIE_OPTIONS = { path: '/', secure: true, httpOnly: true, sameSite: 'lax' as const };
const LOGIN_COOKIE_MAX_AGE_S = 600;

/** OIDC Core §15.5.2: the cookie keeps a random value and the request carries its hash as the nonce. */
const nonceFor = (cookieValue: string) => createHash('sha256').update(cookieValue).digest('base64url');

/** The provider's RFC 6749 §5.2 answer inside a simple-oauth2 (wreck/Boom) error, and the error's message. */
function exchangeFailure(cause: unknown): { message: string; error: string | undefined } {
  const { message, data } = (cause ?? {}) as { message?: unknown; data?: { payload?: unknown } };
  let payload = data?.payload;
  if (Buffer.isBuffer(payload)) payload = payload.toString('utf8');
  if (typeof payload === 'string') {
    try {
      payload = JSON.parse(payload);
    } catch {
      payload = undefined;
    }
  }
  const answer = payload as { error?: unknown; error_description?: unknown } | undefined;
  const error = typeof answer?.error === 'string' ? answer.error : undefined;
  const said = error
    ? ` (${error}${typeof answer?.error_description === 'string' ? `: ${answer.error_description}` : ''})`
    : '';
  return { message: `${typeof message === 'string' ? message : 'unknown error'}${said}`, error };
}

export function createOidcClient(settings: OidcSettings & { redirectUri: string }): OidcClient {
  if (!settings.clientSecret)
    throw new Error('the OpenID Connect client secret is required (MEDIDO_OIDC_CLIENT_SECRET)');
  let connection:
    Promise<{ oauth: OAuth2Namespace; idTokens: IdTokenVerifier; issuer: string; issRequired: boolean }> | undefined;

  // Discovery runs at the first login, not at boot: @fastify/oauth2's own `discovery` option would fetch
  // while plugins load, before this server listens, and the embedded provider is served by this very
  // server. It also does not compare the document's issuer with ours (Discovery §4.3), which we do.
  // @fastify/oauth2 therefore lives in a small private instance built from the checked metadata; its
  // helpers only read the request's query and cookies and write cookies on the reply.
  function connect() {
    connection ??= (async () => {
      const metadata = await discoverProvider(settings.issuer);
      const endpoint = (href: string) => {
        const url = new URL(href);
        return { host: url.origin, path: url.pathname };
      };
      const authorize = endpoint(metadata.authorization_endpoint);
      const token = endpoint(metadata.token_endpoint);
      const holder = Fastify({ logger: false });
      await holder.register(oauth2, {
        name: 'oidc',
        scope: ['openid'],
        callbackUri: settings.redirectUri,
        pkce: 'S256',
        credentials: {
          client: { id: settings.clientId, secret: settings.clientSecret },
          auth: {
            authorizeHost: authorize.host,
            authorizePath: authorize.path,
            tokenHost: token.host,
            tokenPath: token.path,
          },
        },
        redirectStateCookieName: STATE_COOKIE,
        verifierCookieName: VERIFIER_COOKIE,
        cookie: { ...COOKIE_OPTIONS, maxAge: LOGIN_COOKIE_MAX_AGE_S },
      });
      await holder.ready();
      const oauth = (holder as unknown as { oidc: OAuth2Namespace }).oidc;
      return {
        oauth,
        issuer: metadata.issuer,
        issRequired: metadata.authorization_response_iss_parameter_supported === true,
        idTokens: createIdTokenVerifier({
          issuer: metadata.issuer,
          clientId: settings.clientId,
          algorithms: metadata.idTokenAlgorithms,
        }),
      };
    })();
    // A provider that was down is tried again at the next login.
    connection.catch(() => {
      connection = undefined;
    });
    return connection.catch((cause: unknown) => {
      throw new LoginError('provider_unavailable', `the identity provider at ${settings.issuer} is unavailable`, {
        cause,
      });
    });
  }

  function clearLoginCookies(reply: FastifyReply) {
    for (const name of [STATE_COOKIE, VERIFIER_COOKIE, NONCE_COOKIE]) reply.clearCookie(name, COOKIE_OPTIONS);
  }

  return {
    async startLogin(request, reply) {
      const { oauth } = await connect();
      const url = new URL(await oauth.generateAuthorizationUri(request, reply));
      const nonceCookie = randomBytes(32).toString('base64url');
      reply.setCookie(NONCE_COOKIE, nonceCookie, { ...COOKIE_OPTIONS, maxAge: LOGIN_COOKIE_MAX_AGE_S });
      url.searchParams.set('nonce', nonceFor(nonceCookie));
      return url.href;
    },

    async finishLogin(request, reply) {
      const query = request.query as Record<string, unknown>;
      const nonceCookie = request.cookies[NONCE_COOKIE];
      const answered = typeof query.error === 'string';
      if (
        !answered &&
        (typeof query.code !== 'string' ||
          typeof query.state !== 'string' ||
          !nonceCookie ||
          !request.cookies[VERIFIER_COOKIE])
      ) {
        clearLoginCookies(reply);
        throw new LoginError('state_mismatch', 'the callback does not belong to a login started in this browser');
      }
      clearLoginCookies(reply);
      const { oauth, idTokens, issuer, issRequired } = await connect();
      // RFC 9207 §2.4: an answer (an error too) must name our provider when it names one, and must name
      // one when the provider advertises that it always does; else it may come from a mix-up attacker.
      if (
        query.iss === undefined
          ? issRequired
          : typeof query.iss !== 'string' || normalizeIssuer(query.iss) !== normalizeIssuer(issuer)
      ) {
        throw new LoginError(
          'issuer_mismatch',
          `the authorization response ${query.iss === undefined ? 'lacks the' : 'names another'} issuer (RFC 9207)`,
        );
      }
      if (answered)
        throw new LoginError('provider_error', 'the identity provider refused the sign-in', {
          providerError: query.error as string,
        });
      if (!nonceCookie)
        throw new LoginError('state_mismatch', 'the callback does not belong to a login started in this browser');
      let idToken: unknown;
      try {
        // Compares `state` with its cookie before anything is sent to the provider.
        idToken = (await oauth.getAccessTokenFromAuthorizationCodeFlow(request, reply)).token.id_token;
      } catch (cause) {
        if ((cause as Error).message === 'Invalid state')
          throw new LoginError('state_mismatch', 'the state does not match this browser');
        // Not the error itself as cause: its `data.res` reaches the request that carried our client
        // secret (Basic authorization), which a logged error would print.
        const failure = exchangeFailure(cause);
        // invalid_grant (RFC 6749 §5.2): the code was already used, expired, or belongs to another
        // sign-in (another PKCE verifier): the browser brought a wrong code, the provider is fine.
        const kind = failure.error === 'invalid_grant' ? 'code_rejected' : 'token_exchange_failed';
        throw new LoginError(kind, `the identity provider refused the code exchange: ${failure.message}`);
      }
      if (typeof idToken !== 'string')
        throw new LoginError('id_token_invalid', 'the identity provider returned no ID token');
      try {
        return await idTokens.verify(idToken, nonceFor(nonceCookie));
      } catch (cause) {
        if (cause instanceof IdTokenError) throw new LoginError('id_token_invalid', cause.message, { cause });
        throw cause;
      }
    },
  };
}
