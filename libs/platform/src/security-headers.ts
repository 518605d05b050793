import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Nothing loads, nothing frames: JSON, metrics and problem answers are data, never a document. */
export const DATA_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * HTML pages that set no policy of their own: the Swagger UI at /docs and /ingestor/docs. Its bundle,
 * styles and the OpenAPI document come from this origin and it runs no inline script; it does inject a
 * <style> element, hence 'unsafe-inline' for styles only (a style cannot run code; a hash would break
 * with every Swagger UI release). `connectOrigins` adds the public URL, so "Try it out" reaches the
 * documented server when the page was opened under another host name.
 */
export function documentCsp(connectOrigins: string[] = []): string {
  return [
    "default-src 'self'",
    `connect-src ${["'self'", ...connectOrigins].join(' ')}`,
    "img-src 'self' data:",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const ALWAYS: Record<string, string> = {
  'x-content-type-options': 'nosniff', // RFC-less but universal: no MIME sniffing of JSON into HTML
  'x-frame-options': 'DENY', // older browsers; CSP frame-ancestors for the others
  'referrer-policy': 'no-referrer', // cursors and ids in URLs stay out of other sites' logs
};

/**
 * Security headers on every answer of the instance, errors and 404s included. A route that sets one
 * itself (the login pages, with their nonce-based CSP) keeps its own value.
 */
export const securityHeaders = fp(
  async (app: FastifyInstance, opts: { connectOrigins?: string[] }) => {
    const documentPolicy = documentCsp(opts.connectOrigins);
    app.addHook('onSend', async (_request, reply) => {
      for (const [name, value] of Object.entries(ALWAYS)) if (!reply.hasHeader(name)) reply.header(name, value);
      if (!reply.hasHeader('content-security-policy')) {
        const html = String(reply.getHeader('content-type') ?? '').startsWith('text/html');
        reply.header('content-security-policy', html ? documentPolicy : DATA_CSP);
      }
    });
  },
  { name: 'security-headers' },
);
