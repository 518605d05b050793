import { randomBytes } from 'node:crypto';

/**
 * The one look of Medido's sign-in pages: the token, refusal and failure pages of /auth and the
 * embedded provider's sign-in, sign-out and error pages. The style travels inline under a per-answer
 * CSP nonce, so each page's policy can stay `default-src 'none'` (no stylesheet URL to allow).
 */

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

export const PAGE_STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
body.narrow{max-width:26rem}header{color:#57606a;font-size:.9rem;letter-spacing:.04em;margin-bottom:-.5rem}
h1{font-size:1.6rem}h2{font-size:1.15rem;margin-top:2rem}code,pre{font-family:ui-monospace,monospace;font-size:.85rem}
pre{background:#f3f4f6;padding:.75rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all;border-radius:4px}
button{font:inherit;padding:.2rem .8rem;cursor:pointer}.warn{background:#fff4e5;padding:.75rem;border-radius:4px}
.refused,.error{background:#fdecea;padding:.75rem;border-radius:4px}.hint{color:#57606a;font-size:.9rem}
.stacked label,.stacked input,.stacked button{display:block;width:100%;box-sizing:border-box}
.stacked input{font:inherit;margin:.25rem 0 1rem;padding:.45rem;border:1px solid #8c959f;border-radius:4px}
.stacked button{padding:.5rem;margin-top:.5rem;border-radius:4px;border:1px solid #8c959f;background:#f6f8fa}
.stacked button.primary{background:#1f6feb;border-color:#1f6feb;color:#fff}`;

export interface HtmlPage {
  title: string;
  /** Already-escaped HTML. */
  body: string;
  /** Inline script to run under the nonce; none by default. */
  script?: string;
  /** The narrow column of the sign-in forms. */
  narrow?: boolean;
  /** CSP form-action: 'none' for pages without forms, 'self' for the provider's forms. */
  formAction?: "'none'" | "'self'";
}

/**
 * The headers and document of one page. The headers forbid caching and referrers (a page may hold
 * tokens, or an authorization code in its URL) and allow only the nonce-tagged style and script.
 */
export function renderHtmlPage(page: HtmlPage): { headers: Record<string, string>; html: string } {
  const nonce = randomBytes(16).toString('base64');
  const script = page.script ? `<script nonce="${nonce}">${page.script}</script>` : '';
  const headers = {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    pragma: 'no-cache',
    'content-security-policy': `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; base-uri 'none'; form-action ${page.formAction ?? "'none'"}; frame-ancestors 'none'`,
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
  };
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(page.title)} · Medido</title><style nonce="${nonce}">${PAGE_STYLE}</style></head>
<body${page.narrow ? ' class="narrow"' : ''}><header>MEDIDO</header><h1>${escapeHtml(page.title)}</h1>
${page.body}${script}</body></html>`;
  return { headers, html };
}
