import Fastify from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { describe, expect, it } from 'vitest';
import { registerLocalizedOpenApi } from '@medido/platform';
import { preferredLanguage } from '../../libs/platform/src/openapi-i18n/accept-language.ts';
import { SPANISH } from '../../libs/platform/src/openapi-i18n/catalogue.es.ts';
import { proseTexts } from '../../libs/platform/src/openapi-i18n/translate-document.ts';
import { openApiDocuments } from '../../scripts/openapi/openapi-documents.ts';

const english = await openApiDocuments();
const spanish = await openApiDocuments('es');

/** The document with every description and summary blanked: what must not change with the language. */
function structure(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(structure);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      (key === 'description' || key === 'summary') && typeof value === 'string' ? '<prose>' : structure(value),
    ]),
  );
}

describe.each(['api', 'ingestor'] as const)('the Spanish %s OpenAPI document', (name) => {
  it('has a Spanish entry for every description and summary of the English one (add new texts to catalogue.es.ts)', () => {
    expect([...proseTexts(english[name])].filter((text) => !Object.hasOwn(SPANISH, text))).toEqual([]);
  });

  it('differs from the English one only in those texts: same paths, parameters, schemas, $refs, codes', () => {
    expect(structure(spanish[name])).toEqual(structure(english[name]));
    expect(Object.keys(spanish[name].paths)).toEqual(Object.keys(english[name].paths));
  });

  it('is written in Spanish throughout', () => {
    const texts = [...proseTexts(spanish[name])];
    expect(texts.filter((text) => proseTexts(english[name]).has(text))).toEqual([]);
    expect(texts.length).toBe(proseTexts(english[name]).size);
  });
});

it('the Spanish documents read as Spanish where a reader starts', () => {
  expect(spanish.api.info.description).toMatch(/^Medido, la API de salida de la plataforma de medición ChileMedido/);
  expect(spanish.api.info.title).toBe(english.api.info.title);
  const measurements = spanish.api.paths['/v1/measurements']!.get as {
    summary: string;
    parameters: { name: string; description?: string; schema: { description?: string } }[];
  };
  expect(measurements.summary).toBe('Mediciones de una instalación o unidad');
  const unitId = measurements.parameters.find((p) => p.name === 'unitId')!;
  expect(unitId.description ?? unitId.schema.description).toContain('exactamente uno de installationId y unitId');
});

describe('Accept-Language negotiation (RFC 9110 §12.5.4)', () => {
  it.each([
    ['es-CL;q=0.9', 'es'],
    ['es-CL,es;q=0.9,en;q=0.8', 'es'],
    ['en', 'en'],
    [undefined, 'en'],
    ['', 'en'],
    ['en;q=0.5, es;q=0.8', 'es'],
    ['es;q=0, en;q=0.1', 'en'],
    ['es;q=0', 'en'],
    ['fr, es;q=0.2', 'es'],
    ['fr', 'en'],
    ['*', 'en'],
    ['en;q=0, *;q=0.5', 'es'],
    ['ES', 'es'],
    ['es;q=0.5, en;q=0.5', 'es'],
  ])('%s → %s', (header, language) => {
    expect(preferredLanguage(header, ['en', 'es'], 'en')).toBe(language);
  });

  async function docsApp() {
    const app = Fastify({ logger: false });
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: { title: 'T', version: '1' },
        tags: [{ name: 'measurements', description: 'Readings and their aggregates.' }],
      },
    });
    app.get(
      '/x',
      { schema: { summary: 'One meter', response: { 200: { type: 'object', properties: {} } } } },
      async () => ({}),
    );
    const languageSwitch = registerLocalizedOpenApi(app, {
      documentPrefix: '',
      docsPrefix: '/docs',
      document: () => app.swagger(),
    });
    await app.register(swaggerUi, { routePrefix: '/docs', ...languageSwitch });
    await app.ready();
    return app;
  }

  it('serves /openapi.json in the preferred language, with Content-Language and Vary', async () => {
    const app = await docsApp();
    try {
      const get = (url: string, acceptLanguage?: string) =>
        app.inject({ url, headers: acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage } });
      const chilean = await get('/openapi.json', 'es-CL;q=0.9');
      expect(chilean.headers['content-language']).toBe('es');
      expect(chilean.headers.vary).toMatch(/accept-language/i);
      expect(chilean.json().tags[0].description).toBe('Lecturas y sus agregados.');
      expect(chilean.json().paths['/x'].get.summary).toBe('Un medidor');
      for (const header of ['en', undefined]) {
        const answer = await get('/openapi.json', header);
        expect(answer.headers['content-language']).toBe('en');
        expect(answer.json().tags[0].description).toBe('Readings and their aggregates.');
      }
      expect((await get('/openapi.es.json')).json().paths['/x'].get.summary).toBe('Un medidor');
      expect((await get('/openapi.en.json', 'es')).json().paths['/x'].get.summary).toBe('One meter');
    } finally {
      await app.close();
    }
  });

  it('offers a language switch in the docs UI, opening in the preferred language', async () => {
    const app = await docsApp();
    try {
      const initializer = (acceptLanguage?: string) =>
        app.inject({
          url: '/docs/static/swagger-initializer.js',
          headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {},
        });
      const plain = await initializer();
      expect(plain.body).toContain(
        '"urls":[{"url":"/openapi.en.json","name":"English"},{"url":"/openapi.es.json","name":"Español"}]',
      );
      expect(plain.body).toContain('"urls.primaryName":"English"');
      const chilean = await initializer('es-CL,es;q=0.9');
      expect(chilean.body).toContain('"urls.primaryName":"Español"');
      expect(chilean.headers.vary).toMatch(/accept-language/i);
    } finally {
      await app.close();
    }
  });
});
