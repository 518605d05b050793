import type { FastifyInstance, FastifyReply } from 'fastify';
import { preferredLanguage } from './accept-language.ts';
import { SPANISH } from './catalogue.es.ts';
import { translateDocument } from './translate-document.ts';

/** The languages of the OpenAPI documents: English is written in the route schemas, Spanish is translated. */
export const DOC_LANGUAGES = ['en', 'es'] as const;
export type DocLanguage = (typeof DOC_LANGUAGES)[number];
const LANGUAGE_NAMES: Record<DocLanguage, string> = { en: 'English', es: 'Español' };
const CATALOGUES: Record<Exclude<DocLanguage, 'en'>, Readonly<Record<string, string>>> = { es: SPANISH };

export const documentLanguage = (acceptLanguage: string | undefined): DocLanguage =>
  preferredLanguage(acceptLanguage, DOC_LANGUAGES, 'en');

/** The document in a language: the generated one for English, a translated copy otherwise. */
export const localizeDocument = <T>(document: T, language: DocLanguage): T =>
  language === 'en' ? document : translateDocument(document, CATALOGUES[language]);

function addVary(reply: FastifyReply, header: string): void {
  const current = reply.getHeader('vary');
  const list =
    typeof current === 'string'
      ? current
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean)
      : [];
  if (!list.some((v) => v.toLowerCase() === header.toLowerCase() || v === '*'))
    reply.header('vary', [...list, header].join(', '));
}

export interface LocalizedOpenApiOptions {
  /** Where the documents live: `<documentPrefix>/openapi.json`, `.en.json`, `.es.json`. */
  documentPrefix: string;
  /** The `routePrefix` of the Swagger UI showing them. */
  docsPrefix: string;
  /** The generated (English) document, e.g. `() => app.swagger()`. */
  document: () => object;
}

/**
 * Serves the OpenAPI document in each language at `openapi.<lang>.json`, and at `openapi.json` in the
 * language the request's Accept-Language prefers (English without one; `Vary: Accept-Language`,
 * `Content-Language`, RFC 9110 §12.5.4, §8.5). Returns the Swagger UI options of a language switch
 * (swagger-ui's `urls` dropdown); the UI opens in the preferred language (its initializer script is
 * negotiated the same way).
 * @see https://swagger.io/docs/open-source-tools/swagger-ui/usage/configuration/ (urls, urls.primaryName)
 */
export function registerLocalizedOpenApi(
  app: FastifyInstance,
  options: LocalizedOpenApiOptions,
): { uiConfig: { urls: { url: string; name: string }[]; 'urls.primaryName': string } } {
  const rendered = new Map<DocLanguage, object>();
  const render = (language: DocLanguage): object => {
    let document = rendered.get(language);
    if (!document) rendered.set(language, (document = localizeDocument(options.document(), language)));
    return document;
  };
  const send = (reply: FastifyReply, language: DocLanguage) =>
    reply.header('content-language', language).send(render(language));
  const path = (language?: DocLanguage) => `${options.documentPrefix}/openapi${language ? `.${language}` : ''}.json`;
  app.get(path(), { schema: { hide: true } }, async (request, reply) => {
    addVary(reply, 'Accept-Language');
    return send(reply, documentLanguage(request.headers['accept-language']));
  });
  for (const language of DOC_LANGUAGES)
    app.get(path(language), { schema: { hide: true } }, async (_request, reply) => send(reply, language));

  const initializer = `${options.docsPrefix}/static/swagger-initializer.js`;
  const primary = (language: DocLanguage) => `"urls.primaryName":${JSON.stringify(LANGUAGE_NAMES[language])}`;
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.split('?')[0] !== initializer || typeof payload !== 'string') return payload;
    addVary(reply, 'Accept-Language');
    const language = documentLanguage(request.headers['accept-language']);
    return payload.replace(primary('en'), primary(language));
  });
  return {
    uiConfig: {
      urls: DOC_LANGUAGES.map((language) => ({ url: path(language), name: LANGUAGE_NAMES[language] })),
      'urls.primaryName': LANGUAGE_NAMES.en,
    },
  };
}
