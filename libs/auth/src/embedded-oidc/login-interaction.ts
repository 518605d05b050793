import formbody from '@fastify/formbody';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type {} from '@fastify/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Provider } from 'oidc-provider';
import { escapeHtml, renderHtmlPage } from '../html-page.ts';
import type { AccountStore, DemoAccount } from './demo-accounts.ts';

export interface LoginInteractionOptions {
  provider: Provider;
  accounts: AccountStore;
  mountPath: string;
  /** Printed under the form so newcomers can sign in (embedded default only). */
  demoAccounts: readonly DemoAccount[];
  throttle: SignInThrottle;
}

/** Failed sign-ins allowed per window, per client address and per account (MEDIDO_SIGNIN_*). */
export interface SignInThrottle {
  failuresPerAddress: number;
  failuresPerAccount: number;
  windowSeconds: number;
}

/**
 * The embedded provider's sign-in page (instead of oidc-provider's devInteractions). The interaction
 * is bound to this browser by oidc-provider's `_interaction` cookie (SameSite=Lax): a form posted
 * from another site arrives without it and is refused.
 */
export function sendProviderPage(reply: FastifyReply, status: number, title: string, body: string): FastifyReply {
  const { headers, html } = renderHtmlPage({ title, body, narrow: true, formAction: "'self'" });
  return reply.code(status).headers(headers).send(html);
}

function loginForm(
  uid: string,
  mountPath: string,
  options: { login?: string; error?: string; demo: readonly DemoAccount[] },
): string {
  const action = `${mountPath}/interaction/${encodeURIComponent(uid)}`;
  const demo =
    options.demo.length === 0
      ? ''
      : `<p class="hint">Demo accounts of the embedded default:</p><ul class="hint">${options.demo
          .map(
            (a) =>
              `<li><code>${escapeHtml(a.login)}</code> / <code>${escapeHtml(a.password)}</code> — ${escapeHtml(a.name)}</li>`,
          )
          .join('')}</ul>`;
  return `${options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>` : ''}
<form class="stacked" method="post" action="${action}/login" autocomplete="on">
<label for="login">E-mail</label><input id="login" name="login" type="email" required autofocus value="${escapeHtml(options.login ?? '')}">
<label for="password">Password</label><input id="password" name="password" type="password" required>
<button type="submit" id="sign-in" class="primary">Sign in</button></form>
<form class="stacked" method="post" action="${action}/abort"><button type="submit" id="cancel">Cancel</button></form>${demo}`;
}

export async function loginInteraction(app: FastifyInstance, options: LoginInteractionOptions): Promise<void> {
  const { provider, accounts, mountPath } = options;
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(formbody, { bodyLimit: 4096 });
  const route = `${mountPath}/interaction/:uid`;

  // Only failures count, so a person who signs in is never slowed down. Per address: one client
  // guessing many passwords (each costs an scrypt). Per account: many clients guessing one person's
  // password; the price is that they can keep that person out for a window, which the per-address
  // limit makes expensive. Addresses as the plugin's own keys: IPv6 by /64, the block a client gets.
  // Counters live in this process.
  await app.register(rateLimit, { global: false });
  const windowMs = options.throttle.windowSeconds * 1000;
  const loginOf = (request: FastifyRequest) => {
    const login = (request.body as { login?: unknown } | undefined)?.login;
    return typeof login === 'string' ? login.trim().toLowerCase() : '';
  };
  const limiters = [
    app.createRateLimit({
      max: options.throttle.failuresPerAddress,
      timeWindow: windowMs,
      keyGenerator: (request) => `address:${normalizeIP(request.ip)}`,
    }),
    app.createRateLimit({
      max: options.throttle.failuresPerAccount,
      timeWindow: windowMs,
      keyGenerator: (request) => `account:${loginOf(request)}`,
    }),
  ];
  /** Seconds until this request may try again, or 0. Peeks without counting. */
  async function throttled(request: FastifyRequest): Promise<number> {
    const states = await Promise.all(limiters.map((limit) => limit(request, { increment: false })));
    return Math.max(0, ...states.map((s) => (!s.isAllowed && s.remaining === 0 ? s.ttlInSeconds : 0)));
  }
  const tooMany = (reply: FastifyReply, seconds: number) =>
    sendProviderPage(
      reply.header('retry-after', String(seconds)),
      429,
      'Too many attempts',
      `<p class="error" role="alert">Too many failed sign-ins from here or for this account. Try again in ${Math.ceil(seconds / 60)} minute(s).</p>`,
    );

  /** The interaction of this browser (from its cookie), if it is the one named in the URL. */
  async function interactionOf(request: FastifyRequest<{ Params: { uid: string } }>, reply: FastifyReply) {
    try {
      const interaction = await provider.interactionDetails(request.raw, reply.raw);
      return interaction.uid === request.params.uid ? interaction : null;
    } catch {
      return null;
    }
  }
  /** oidc-provider answers the redirect back to its authorization endpoint on the raw response. */
  async function finish(request: FastifyRequest, reply: FastifyReply, result: Record<string, unknown>): Promise<void> {
    reply.hijack();
    try {
      await provider.interactionFinished(request.raw, reply.raw, result, { mergeWithLastSubmission: false });
    } catch (err) {
      request.log.error({ err }, 'embedded provider: could not finish the interaction');
      if (!reply.raw.headersSent) reply.raw.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      reply.raw.end('The sign-in could not be completed; start again.');
    }
  }
  const expired = (reply: FastifyReply) =>
    sendProviderPage(
      reply,
      400,
      'Sign-in expired',
      '<p class="error">This sign-in is no longer valid in this browser. Go back to the application and start again.</p>',
    );

  app.get<{ Params: { uid: string } }>(route, { schema: { hide: true } }, async (request, reply) => {
    const interaction = await interactionOf(request, reply);
    if (!interaction) return expired(reply);
    if (interaction.prompt.name !== 'login')
      return sendProviderPage(
        reply,
        400,
        'Unsupported request',
        '<p class="error">This provider only signs people in.</p>',
      );
    const hint = typeof interaction.params.login_hint === 'string' ? interaction.params.login_hint : undefined;
    return sendProviderPage(
      reply,
      200,
      'Sign in to Medido',
      loginForm(interaction.uid, mountPath, { ...(hint ? { login: hint } : {}), demo: options.demoAccounts }),
    );
  });

  app.post<{ Params: { uid: string }; Body: { login?: unknown; password?: unknown } }>(
    `${route}/login`,
    { schema: { hide: true } },
    async (request, reply) => {
      const wait = await throttled(request);
      if (wait > 0) {
        request.log.warn({ ip: request.ip }, 'embedded provider: sign-in throttled');
        return tooMany(reply, wait);
      }
      const interaction = await interactionOf(request, reply);
      if (!interaction || interaction.prompt.name !== 'login') return expired(reply);
      const { login, password } = request.body ?? {};
      const subject =
        typeof login === 'string' && typeof password === 'string' ? await accounts.authenticate(login, password) : null;
      if (!subject) {
        await Promise.all(limiters.map((limit) => limit(request)));
        request.log.info({ uid: interaction.uid }, 'embedded provider: sign-in refused');
        return sendProviderPage(
          reply,
          200,
          'Sign in to Medido',
          loginForm(interaction.uid, mountPath, {
            ...(typeof login === 'string' ? { login } : {}),
            error: 'Wrong e-mail or password.',
            demo: options.demoAccounts,
          }),
        );
      }
      return finish(request, reply, { login: { accountId: subject } });
    },
  );

  app.post<{ Params: { uid: string } }>(`${route}/abort`, { schema: { hide: true } }, async (request, reply) => {
    const interaction = await interactionOf(request, reply);
    if (!interaction) return expired(reply);
    return finish(request, reply, { error: 'access_denied', error_description: 'The person cancelled the sign-in.' });
  });
}
