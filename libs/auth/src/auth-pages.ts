import type { FastifyReply } from 'fastify';
import { escapeHtml, renderHtmlPage } from './html-page.ts';
import type { TokenSet } from './token-service.ts';

/** The HTML pages of the browser login: the token page, the refusal page and the failure pages. */

export { escapeHtml } from './html-page.ts';

const COPY_SCRIPT = `for (const button of document.querySelectorAll('button[data-copy]')) {
  button.addEventListener('click', async () => {
    const text = document.getElementById(button.dataset.copy).textContent;
    try { await navigator.clipboard.writeText(text); button.textContent = 'Copied'; }
    catch { button.textContent = 'Select and copy by hand'; }
  });
}`;

function sendPage(reply: FastifyReply, status: number, title: string, body: string, withScript = false): FastifyReply {
  const { headers, html } = renderHtmlPage({ title, body, ...(withScript ? { script: COPY_SCRIPT } : {}) });
  return reply.code(status).headers(headers).send(html);
}

function tokenBlock(id: string, label: string, value: string, expiry: string): string {
  return `<h2>${label}</h2><p>${expiry} <button type="button" data-copy="${id}">Copy</button></p><pre><code id="${id}">${escapeHtml(value)}</code></pre>`;
}

export function sendTokenPage(
  reply: FastifyReply,
  tokens: TokenSet & { consumerName: string },
  publicUrl: string,
  now: number,
): FastifyReply {
  const at = (seconds: number) => new Date(now + seconds * 1000).toISOString();
  const base = escapeHtml(publicUrl);
  const access = escapeHtml(tokens.accessToken);
  const refresh = escapeHtml(tokens.refreshToken);
  const minutes = Math.round(tokens.expiresIn / 60);
  const days = Math.round(tokens.refreshExpiresIn / 86_400);
  return sendPage(
    reply,
    200,
    'Your Medido API tokens',
    `
<p>Signed in as <strong>${escapeHtml(tokens.consumerName)}</strong> (API consumer <code>${escapeHtml(tokens.consumerId)}</code>).</p>
<p class="warn">Treat both tokens like passwords. This page is shown once and is not stored: reloading it will not show them again.</p>
${tokenBlock(
  'access-token',
  'Access token (JWT)',
  tokens.accessToken,
  `Expires at <time id="access-token-expires" datetime="${at(tokens.expiresIn)}">${at(tokens.expiresIn)}</time> (in ${minutes} minutes).`,
)}
${tokenBlock(
  'refresh-token',
  'Refresh token',
  tokens.refreshToken,
  `Expires at <time id="refresh-token-expires" datetime="${at(tokens.refreshExpiresIn)}">${at(tokens.refreshExpiresIn)}</time> if unused (${days} days); every refresh extends it${
    tokens.loginExpiresIn === null
      ? ', for as long as you keep using it: you need not sign in again.'
      : `, until this sign-in ends on <time id="login-expires" datetime="${at(tokens.loginExpiresIn)}">${at(tokens.loginExpiresIn)}</time>.`
  }`,
)}
<h2>Call the API</h2>
<pre><code id="curl-example">curl -H 'Authorization: Bearer ${access}' ${base}/v1/organizations</code></pre>
<h2>Refresh before the access token expires</h2>
<p>Each refresh answers a new access token <em>and a new refresh token</em>; keep the new one. A refresh token works once:
presenting a used one again revokes every token of this login, and you sign in again.</p>
<pre><code id="refresh-example">curl -X POST ${base}/auth/token -d grant_type=refresh_token -d refresh_token='${refresh}'</code></pre>
<h2>Sign out</h2>
<pre><code id="revoke-example">curl -X POST ${base}/auth/revoke -d token='${refresh}'</code></pre>`,
    true,
  );
}

export function sendRefusalPage(reply: FastifyReply, subject: string): FastifyReply {
  return sendPage(
    reply,
    403,
    'Access refused',
    `
<p class="refused">You signed in, but this identity is not an active Medido API consumer, so no tokens were issued.</p>
<p>API consumers are created by a Medido administrator. If you should have access, ask them to register (or re-enable)
the identity <code id="subject">${escapeHtml(subject)}</code>.</p>`,
  );
}

const FAILURES: Record<string, { status: number; title: string; text: string }> = {
  provider_unavailable: {
    status: 503,
    title: 'Sign-in unavailable',
    text: 'The identity provider cannot be reached right now. Try again in a moment.',
  },
  provider_error: {
    status: 400,
    title: 'Sign-in not completed',
    text: 'The identity provider did not complete the sign-in.',
  },
  state_mismatch: {
    status: 400,
    title: 'Sign-in link not valid here',
    text: 'This sign-in answer does not belong to a sign-in started in this browser (it may be old, already used, or forged). No tokens were issued.',
  },
  issuer_mismatch: {
    status: 400,
    title: 'Sign-in answer refused',
    text: 'This sign-in answer does not come from Medido’s identity provider (RFC 9207 issuer check). No tokens were issued.',
  },
  code_rejected: {
    status: 400,
    title: 'Sign-in link not valid any more',
    text: 'The identity provider refused this sign-in code: it was already used, has expired, or belongs to another sign-in. No tokens were issued.',
  },
  token_exchange_failed: {
    status: 502,
    title: 'Sign-in failed',
    text: 'The identity provider refused to complete the sign-in. No tokens were issued.',
  },
  id_token_invalid: {
    status: 502,
    title: 'Sign-in failed',
    text: 'The identity provider’s answer could not be verified. No tokens were issued.',
  },
};

/** RFC 6749 §4.1.2.1 codes we name on the page; anything else the provider sent is not echoed. */
const PROVIDER_ERRORS = new Set([
  'access_denied',
  'invalid_request',
  'unauthorized_client',
  'unsupported_response_type',
  'invalid_scope',
  'server_error',
  'temporarily_unavailable',
  'login_required',
  'consent_required',
  'interaction_required',
]);

export function sendLoginFailurePage(reply: FastifyReply, kind: string, providerError?: string): FastifyReply {
  const failure = FAILURES[kind] ?? FAILURES.token_exchange_failed!;
  const code =
    providerError && PROVIDER_ERRORS.has(providerError) ? ` (<code id="provider-error">${providerError}</code>)` : '';
  return sendPage(
    reply,
    failure.status,
    failure.title,
    `<p class="refused" id="failure" data-kind="${escapeHtml(kind)}">${escapeHtml(failure.text)}${code}</p>
<p><a href="/auth/login">Start a new sign-in</a></p>`,
  );
}
