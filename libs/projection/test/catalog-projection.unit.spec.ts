import { TOPICS } from '@medido/contracts';
import { describe, expect, it } from 'vitest';
import { projectCatalogBatch } from '../src/index.ts';
import { batchOf, fakeBus, fakeCatalogWriter } from './fakes.ts';

const event = (id: string, type: string, data: object) => ({
  specversion: '1.0',
  id,
  source: '/test',
  type,
  time: '2026-01-01T00:00:00.000Z',
  data,
});

describe('projecting a catalog batch', () => {
  it('applies valid events in offset order and dead-letters the rest', async () => {
    const deps = { bus: fakeBus(), catalog: fakeCatalogWriter() };
    const result = await projectCatalogBatch(
      batchOf(TOPICS.catalog, [
        event('a', 'OrganizationRegistered', { organizationId: 'org-1', name: 'Muni', visibility: 'public' }),
        event('b', 'OrganizationExploded', { organizationId: 'org-1' }),
        event('c', 'OrganizationRenamed', { organizationId: 'org-1', name: 'Municipalidad' }),
        event('d', 'MeasurementsRecorded', {
          deviceId: 'd',
          readings: [{ variable: 'v', ts: '2026-01-01T00:00:00.000Z', value: 1 }],
        }),
      ]),
      deps,
    );
    expect(deps.catalog.applied.map((e) => e.id)).toEqual(['a', 'c']);
    expect(result.deadLetters.map((d) => [d.offset, d.error.code])).toEqual([
      ['1', 'EVENT_TYPE_UNKNOWN'],
      ['3', 'EVENT_TYPE_UNEXPECTED'],
    ]);
  });
});
