import { describe, expect, it } from 'vitest';
import { openApiDocuments } from '../../scripts/openapi/openapi-documents.ts';
import { undescribedFields } from '../../scripts/openapi/schema-walk.ts';

const documents = await openApiDocuments();

describe.each(['api', 'ingestor'] as const)('the %s OpenAPI document', (name) => {
  const doc = documents[name];

  it('describes every property of every schema, every parameter and every component', () => {
    expect(undescribedFields(doc)).toEqual([]);
  });

  it('names its shared shapes as components and references them', () => {
    const schemas = Object.keys(doc.components?.schemas ?? {});
    expect(schemas).toContain('Problem');
    expect(schemas.filter((s) => /^def-\d+$/.test(s))).toEqual([]);
    expect(JSON.stringify(doc.paths)).toContain('"$ref":"#/components/schemas/');
  });
});

describe('undescribedFields', () => {
  it('finds an undescribed property, parameter and component, and follows $ref to a described one', () => {
    const doc = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/x': {
          get: {
            parameters: [{ in: 'query', name: 'q', schema: { type: 'string' } }],
            responses: {
              200: {
                content: {
                  'application/json': {
                    schema: {
                      type: 'object',
                      properties: { a: { type: 'string' }, b: { $ref: '#/components/schemas/B' } },
                    },
                  },
                },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          B: { type: 'object', description: 'A B.' },
          C: { type: 'object', properties: { c: { type: 'string', description: 'A c.' } } },
        },
      },
    };
    expect(undescribedFields(doc)).toEqual([
      '#/paths/~1x/get/parameters/0 (parameter q)',
      '#/paths/~1x/get/responses/200/content/application~1json/schema/properties/a',
      '#/components/schemas/C',
    ]);
  });
});

describe('the exactly-one rule and the constraints', () => {
  it('states them where a reader of the document looks', () => {
    const measurements = documents.api.paths['/v1/measurements']!.get as {
      parameters: { name: string; description?: string; schema: { description?: string } }[];
    };
    for (const scope of ['installationId', 'unitId']) {
      const parameter = measurements.parameters.find((p) => p.name === scope)!;
      expect(parameter.description ?? parameter.schema.description).toContain(
        'exactly one of installationId and unitId',
      );
    }
    const error = (
      documents.api.components!.schemas!.OAuthErrorCode as { anyOf: { const?: string; enum?: string[] }[] }
    ).anyOf.map((s) => s.const ?? s.enum?.[0]);
    expect(error).toContain('unsupported_grant_type');
    expect(
      (documents.api.components!.schemas!.Measurements as { properties: { from: { format: string } } }).properties.from
        .format,
    ).toBe('date-time');
    for (const bound of ['from', 'to'])
      expect(measurements.parameters.find((p) => p.name === bound)!.schema).toMatchObject({ format: 'date-time' });
    expect(
      (documents.api.components!.schemas!.TokenRequest as { properties: { grant_type: { enum: string[] } } }).properties
        .grant_type.enum,
    ).toEqual(['refresh_token']);
  });
});
