import { TOPICS } from '@medido/contracts';
import type { AccessRecord } from '@medido/catalog';
import { accessRecord } from '@medido/catalog/testing/access-record.fixture';
import { describe, expect, it } from 'vitest';
import { projectAccessBatch } from '../src/index.ts';
import { batchOf, fakeBus } from './fakes.ts';

/**
 * The ApiReadAnswered event that states `accessRecord(id)` (its unitId left out, its instants written with an
 * offset and no milliseconds, as a producer may): projected, it must give that record back, normalized.
 */
const read = (id: string, data: Record<string, unknown> = {}) => {
  const { eventId: _eventId, unitId: _unitId, ...stated } = accessRecord(id);
  return {
    specversion: '1.0',
    id,
    source: '/medido/api',
    type: 'ApiReadAnswered',
    time: '2026-04-07T10:00:00.000Z',
    subject: stated.consumerId,
    data: {
      ...stated,
      from: '2026-03-31T21:00:00-03:00',
      to: '2026-04-01T21:00:00-03:00',
      answeredAt: '2026-04-07T10:00:00Z',
      ...data,
    },
  };
};

describe('projecting a batch of access records', () => {
  it('appends the valid ones in one write (normalized instants), dead-letters the rest, re-delivery included', async () => {
    const written: AccessRecord[][] = [];
    const deps = {
      bus: fakeBus(),
      accessLog: {
        recordAccess: async (records: AccessRecord[]) => {
          written.push(records);
        },
      },
    };
    const batch = batchOf(TOPICS.access, [
      read('a'),
      'not json',
      read('b', { rows: -1 }),
      { ...read('c'), type: 'OrganizationRegistered', data: { organizationId: 'o', name: 'n', visibility: 'public' } },
      read('a'),
    ]);
    const result = await projectAccessBatch(batch, deps);
    expect(result.deadLetters.map((d) => [d.offset, d.error.code])).toEqual([
      ['1', 'RECORD_NOT_JSON'],
      ['2', 'EVENT_DATA_INVALID'],
      ['3', 'EVENT_TYPE_UNEXPECTED'],
    ]);
    expect(deps.bus.published.map((p) => [p.topic, p.records.length])).toEqual([[TOPICS.deadLetter, 3]]);
    expect(written).toHaveLength(1);
    // Both deliveries of `a` reach the store, which keeps one (idempotent by event id: the contract suite).
    expect(written[0]!.map((r) => r.eventId)).toEqual(['a', 'a']);
    expect(written[0]![0]).toEqual(accessRecord('a'));
  });

  it('fails the batch (to be retried) when the dead letters cannot be published, writing nothing', async () => {
    const written: AccessRecord[][] = [];
    const bus = fakeBus();
    bus.failing = true;
    await expect(
      projectAccessBatch(batchOf(TOPICS.access, [read('a'), 'junk']), {
        bus,
        accessLog: {
          recordAccess: async (r) => {
            written.push(r);
          },
        },
      }),
    ).rejects.toThrow();
    expect(written).toEqual([]);
  });
});
