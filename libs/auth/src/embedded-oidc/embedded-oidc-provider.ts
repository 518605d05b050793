import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Provider, { type Account, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { escapeHtml, renderHtmlPage, type HtmlPage } from '../html-page.ts';
import { createAccountStore, DEMO_ACCOUNTS, type DemoAccount } from './demo-accounts.ts';
import { loginInteraction, type SignInThrottle } from './login-interaction.ts';
import { createMemoryAdapterFactory } from './memory-adapter.ts';
import type { ProviderSecrets } from './provider-secrets.ts';

export interface EmbeddedOidcClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface EmbeddedOidcProviderOptions {
  /** Issuer URL; its path is where the provider is mounted, e.g. `http://localhost:3000/oidc`. */
  issuer: string;
  /** Relying parties: the api's client with its `/auth/callback`. */
  clients: EmbeddedOidcClient[];
  /** From loadOrCreateProviderSecrets(dir), or given. */
  secrets: Pick<ProviderSecrets, 'jwks' | 'cookieKeys'>;
  /** Failed sign-ins allowed per window, per client address and per account. */
  signInThrottle: SignInThrottle;
  /** Who can sign in; default the documented demo accounts, which the sign-in page then lists. */
  accounts?: readonly DemoAccount[];
}

const TTL_SECONDS = {
  AuthorizationCode: 60,
  AccessToken: 600,
  IdToken: 600,
  Interaction: 600,
  Session: 8 * 3600,
  Grant: 8 * 3600,
};

/**
 * An OpenID Connect provider (oidc-provider, certified) inside the api's Fastify instance, for the
 * embedded default and the tests: authorization code flow with PKCE S256 required, RS256 ID tokens,
 * a sign-in form of our own, consent implied for the registered (first-party) clients. Production
 * points MEDIDO_OIDC_ISSUER at a real identity provider instead.
 */
/** oidc-provider's own pages (Koa): the same document and headers as the sign-in form. */
function sendKoaPage(ctx: KoaContextWithOIDC, page: HtmlPage): void {
  const { headers, html } = renderHtmlPage(page);
  ctx.set(headers);
  ctx.body = html;
}

export async function embeddedOidcProvider(app: FastifyInstance, options: EmbeddedOidcProviderOptions): Promise<void> {
  const mountPath = new URL(options.issuer).pathname.replace(/\/$/, '');
  if (!mountPath)
    throw new Error('the embedded OpenID provider needs an issuer with a path, e.g. http://localhost:3000/oidc');
  const demoAccounts = options.accounts ?? DEMO_ACCOUNTS;
  const accounts = createAccountStore(demoAccounts);

  const configuration: Configuration = {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    })),
    adapter: createMemoryAdapterFactory(),
    jwks: options.secrets.jwks,
    cookies: { keys: options.secrets.cookieKeys },
    responseTypes: ['code'],
    pkce: { required: () => true },
    scopes: ['openid', 'email', 'profile'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: {
      devInteractions: { enabled: false },
      // RP-initiated logout (/oidc/session/end) is on by default; its pages get Medido's look too.
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx: KoaContextWithOIDC, form: string) {
          sendKoaPage(ctx, {
            title: 'Sign out',
            narrow: true,
            formAction: "'self'",
            body: `<p>Sign out of Medido's identity provider in this browser?</p>${form}
<div class="stacked"><button type="submit" form="op.logoutForm" value="yes" name="logout" class="primary" id="sign-out">Yes, sign me out</button>
<button type="submit" form="op.logoutForm" id="stay">No, stay signed in</button></div>`,
          });
        },
        async postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
          sendKoaPage(ctx, {
            title: 'Signed out',
            narrow: true,
            body: '<p>You are signed out of Medido’s identity provider in this browser.</p>',
          });
        },
      },
    },
    ttl: TTL_SECONDS,
    // The api exchanges codes server-side: no browser origin needs CORS access.
    clientBasedCORS: () => false,
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `${mountPath}/interaction/${interaction.uid}`,
    },
    async findAccount(_ctx: unknown, subject: string): Promise<Account | undefined> {
      const account = accounts.find(subject);
      if (!account) return undefined;
      return {
        accountId: subject,
        claims: async () => ({ sub: subject, email: account.email, email_verified: true, name: account.name }),
      };
    },
    // Registered clients are first-party (Medido itself): consent is implied, as in oidc-provider's
    // "skip consent" recipe, so the person sees only the sign-in form.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { client, session, result, provider } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return provider.Grant.find(grantId);
      const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    async renderError(ctx: KoaContextWithOIDC, out: Record<string, string>) {
      sendKoaPage(ctx, {
        title: 'Sign-in error',
        narrow: true,
        body: `<p class="error" id="error"><code>${escapeHtml(out.error ?? 'server_error')}</code>: ${escapeHtml(out.error_description ?? '')}</p>`,
      });
    },
  };
  const provider = new Provider(options.issuer, configuration);
  // oidc-provider (Koa) builds every URL it prints (discovery, redirects, form actions) from the
  // request's host and protocol. The request's own Host is the client's to choose (`Host: evil.example`
  // would put evil.example into the discovery document), so both are pinned to the configured issuer
  // through the forwarded headers, which Koa reads first when `proxy` is on.
  const issuerUrl = new URL(options.issuer);
  const pinned = { 'x-forwarded-proto': issuerUrl.protocol.slice(0, -1), 'x-forwarded-host': issuerUrl.host };
  provider.proxy = true;
  // This plugin is encapsulated: the hook sees only the provider's routes (and the sign-in form's).
  app.addHook('onRequest', async (request) => {
    Object.assign(request.raw.headers, pinned);
  });
  provider.on('server_error', (_ctx, err) => app.log.error({ err }, 'embedded OpenID provider failed'));

  await app.register(loginInteraction, {
    provider,
    accounts,
    mountPath,
    demoAccounts: options.accounts ? [] : demoAccounts,
    throttle: options.signInThrottle,
  });

  // Everything else under the mount path is oidc-provider's (a Koa app): hand it the raw request with
  // the mount path stripped from `url`, and the full path in `originalUrl`, from which it derives the
  // URLs it prints. Bodies are left unread for it to parse.
  const handle = provider.callback();
  const forward = (request: FastifyRequest, reply: FastifyReply) => {
    reply.hijack();
    const raw = request.raw as IncomingMessage & { originalUrl?: string };
    raw.originalUrl = raw.url;
    const rest = raw.url!.slice(mountPath.length);
    raw.url = rest.startsWith('/') ? rest : `/${rest}`;
    handle(raw, reply.raw);
  };
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
    scope.all(mountPath, { schema: { hide: true } }, forward);
    scope.all(`${mountPath}/*`, { schema: { hide: true } }, forward);
  });
}
export type { SignInThrottle } from './login-interaction.ts';
