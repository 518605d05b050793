import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApiDocuments } from '../../scripts/openapi/openapi-documents.ts';
import { missingFromReference } from '../../scripts/openapi/reference-coverage.ts';

/**
 * The attribute annex of the seed ("Anexo 1: Documentación API de salida"), in Spanish and English,
 * cannot drift from the served /openapi.json: every component schema has a section, every attribute
 * is named in it, every allowed value is named on the page.
 */
const { api } = await openApiDocuments();
const page = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe.each(['docs/reference.md', 'docs/es/referencia.md'])('%s', (path) => {
  it("defines every component and attribute of the read API's OpenAPI document", () => {
    expect(Object.keys(api.components?.schemas ?? {})).toContain('Measurements');
    expect(missingFromReference(api, page(path))).toEqual([]);
  });
});

describe('the two references', () => {
  it('have the same structure: the same section headings in the same order', () => {
    const headings = (markdown: string) =>
      markdown
        .split('\n')
        .filter((line) => line.startsWith('#'))
        .map(
          (line) => line.match(/^#+/)![0] + (line.match(/`[^`]+`/)?.[0] ?? line.match(/^#+ (\d+(\.\d+)?)/)?.[1] ?? ''),
        );
    expect(headings(page('docs/es/referencia.md'))).toEqual(headings(page('docs/reference.md')));
  });
});

describe('missingFromReference', () => {
  const doc = {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: {},
    components: {
      schemas: {
        Point: {
          type: 'object',
          properties: { ts: { type: 'string' }, nested: { type: 'object', properties: { deep: { type: 'string' } } } },
        },
        Kind: { anyOf: [{ const: 'cumulative' }, { const: 'instantaneous' }] },
        Ghost: { type: 'object', properties: { x: { type: 'string' } } },
      },
    },
  };

  it('reports a missing section, attribute, nested attribute and allowed value', () => {
    const markdown = '### `Point`\n| `ts` | time |\n### `Kind`\n`cumulative`\n## Other\n`deep` `instantaneous` outside';
    expect(missingFromReference(doc, markdown)).toEqual(['Point.nested', 'Point.deep', 'Ghost: no section']);
  });

  it('passes a page naming everything in its place', () => {
    const markdown = '### `Point`\n`ts` `nested` `deep`\n### `Kind`\n`cumulative` `instantaneous`\n### `Ghost`\n`x`';
    expect(missingFromReference(doc, markdown)).toEqual([]);
  });
});
