import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { TokenSet } from './token-service.ts';

/** The HTML pages of the browser login: the token page, the refusal page and the failure pages. */

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
h1{font-size:1.6rem}h2{font-size:1.15rem;margin-top:2rem}code,pre{font-family:ui-monospace,monospace;font-size:.85rem}
pre{background:#f3f4f6;padding:.75rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all;border-radius:4px}
button{font:inherit;padding:.2rem .8rem;cursor:pointer}.warn{background:#fff4e5;padding:.75rem;border-radius:4px}
.refused{background:#fdecea;padding:.75rem;border-radius:4px}`;

const COPY_SCRIPT = `for (const button of document.querySelectorAll('button[data-copy]')) {
  button.addEventListener('click', async () => {
    const text = document.getElementById(button.dataset.copy).textContent;
    try { await navigator.clipboard.writeText(text); button.textContent = 'Copied'; }
    catch { button.textContent = 'Select and copy by hand'; }
  });
}`;

/**
 * Sends a page that must never be cached or leak through referrers (it may hold tokens or an
 * authorization code in its URL), with a CSP allowing only its own nonce-tagged style and script.
 */
function sendPage(reply: FastifyReply, status: number, title: string, body: string, withScript = false): FastifyReply {
  const nonce = randomBytes(16).toString('base64');
  const script = withScript ? `<script nonce="${nonce}">${COPY_SCRIPT}</script>` : '';
  return reply.code(status).headers({
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store', pragma: 'no-cache',
    'content-security-policy': `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY',
  }).send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} · Medido</title><style nonce="${nonce}">${STYLE}</style></head>
<body><h1>${escapeHtml(title)}</h1>
${body}${script}</body></html>`);
}

function tokenBlock(id: string, label: string, value: string, expiry: string): string {
  return `<h2>${label}</h2><p>${expiry} <button type="button" data-copy="${id}">Copy</button></p><pre><code id="${id}">${escapeHtml(value)}</code></pre>`;
}

export function sendTokenPage(reply: FastifyReply, tokens: TokenSet & { consumerName: string }, publicUrl: string, now: number): FastifyReply {
  const at = (seconds: number) => new Date(now + seconds * 1000).toISOString();
  const base = escapeHtml(publicUrl);
  const access = escapeHtml(tokens.accessToken);
  const refresh = escapeHtml(tokens.refreshToken);
  const minutes = Math.round(tokens.expiresIn / 60);
  const days = Math.round(tokens.refreshExpiresIn / 86_400);
  return sendPage(reply, 200, 'Your Medido API tokens', `
<p>Signed in as <strong>${escapeHtml(tokens.consumerName)}</strong> (API consumer <code>${escapeHtml(tokens.consumerId)}</code>).</p>
<p class="warn">Treat both tokens like passwords. This page is shown once and is not stored: reloading it will not show them again.</p>
${tokenBlock('access-token', 'Access token (JWT)', tokens.accessToken,
    `Expires at <time id="access-token-expires" datetime="${at(tokens.expiresIn)}">${at(tokens.expiresIn)}</time> (in ${minutes} minutes).`)}
${tokenBlock('refresh-token', 'Refresh token', tokens.refreshToken,
    `Expires at <time id="refresh-token-expires" datetime="${at(tokens.refreshExpiresIn)}">${at(tokens.refreshExpiresIn)}</time> if unused (${days} days); every refresh extends it${tokens.loginExpiresIn === null
      ? ', for as long as you keep using it: you need not sign in again.'
      : `, until this sign-in ends on <time id="login-expires" datetime="${at(tokens.loginExpiresIn)}">${at(tokens.loginExpiresIn)}</time>.`}`)}
<h2>Call the API</h2>
<pre><code id="curl-example">curl -H 'Authorization: Bearer ${access}' ${base}/v1/organizations</code></pre>
<h2>Refresh before the access token expires</h2>
<p>Each refresh answers a new access token <em>and a new refresh token</em>; keep the new one. A refresh token works once:
presenting a used one again revokes every token of this login, and you sign in again.</p>
<pre><code id="refresh-example">curl -X POST ${base}/auth/token -d grant_type=refresh_token -d refresh_token='${refresh}'</code></pre>
<h2>Sign out</h2>
<pre><code id="revoke-example">curl -X POST ${base}/auth/revoke -d token='${refresh}'</code></pre>`, true);
}

export function sendRefusalPage(reply: FastifyReply, subject: string): FastifyReply {
  return sendPage(reply, 403, 'Access refused', `
<p class="refused">You signed in, but this identity is not an active Medido API consumer, so no tokens were issued.</p>
<p>API consumers are created by a Medido administrator. If you should have access, ask them to register (or re-enable)
the identity <code id="subject">${escapeHtml(subject)}</code>.</p>`);
}

const FAILURES: Record<string, { status: number; title: string; text: string }> = {
  provider_unavailable: { status: 503, title: 'Sign-in unavailable', text: 'The identity provider cannot be reached right now. Try again in a moment.' },
  provider_error: { status: 400, title: 'Sign-in not completed', text: 'The identity provider did not complete the sign-in.' },
  state_mismatch: { status: 400, title: 'Sign-in link not valid here', text: 'This sign-in answer does not belong to a sign-in started in this browser (it may be old, already used, or forged). No tokens were issued.' },
  issuer_mismatch: { status: 400, title: 'Sign-in answer refused', text: 'This sign-in answer does not come from Medido’s identity provider (RFC 9207 issuer check). No tokens were issued.' },
  code_rejected: { status: 400, title: 'Sign-in link not valid any more', text: 'The identity provider refused this sign-in code: it was already used, has expired, or belongs to another sign-in. No tokens were issued.' },
  token_exchange_failed: { status: 502, title: 'Sign-in failed', text: 'The identity provider refused to complete the sign-in. No tokens were issued.' },
  id_token_invalid: { status: 502, title: 'Sign-in failed', text: 'The identity provider’s answer could not be verified. No tokens were issued.' },
};

/** RFC 6749 §4.1.2.1 codes we name on the page; anything else the provider sent is not echoed. */
const PROVIDER_ERRORS = new Set(['access_denied', 'invalid_request', 'unauthorized_client', 'unsupported_response_type', 'invalid_scope', 'server_error', 'temporarily_unavailable', 'login_required', 'consent_required', 'interaction_required']);

export function sendLoginFailurePage(reply: FastifyReply, kind: string, providerError?: string): FastifyReply {
  const failure = FAILURES[kind] ?? FAILURES.token_exchange_failed!;
  const code = providerError && PROVIDER_ERRORS.has(providerError) ? ` (<code id="provider-error">${providerError}</code>)` : '';
  return sendPage(reply, failure.status, failure.title, `<p class="refused" id="failure" data-kind="${escapeHtml(kind)}">${escapeHtml(failure.text)}${code}</p>
<p><a href="/auth/login">Start a new sign-in</a></p>`);
}
