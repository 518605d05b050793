import { TOPICS } from '@medido/contracts';
import type { AccessRecord } from '@medido/catalog';
import { describe, expect, it } from 'vitest';
import { projectAccessBatch } from '../src/index.ts';
import { batchOf, fakeBus } from './fakes.ts';

const read = (id: string, data: Record<string, unknown> = {}) => ({
  specversion: '1.0',
  id,
  source: '/medido/api',
  type: 'ApiReadAnswered',
  time: '2026-04-07T10:00:00.000Z',
  subject: 'c-1',
  data: {
    consumerId: 'c-1',
    clientId: 'c-1',
    method: 'GET',
    route: '/v1/measurements',
    url: '/v1/measurements?installationId=i',
    status: 200,
    requestId: `req-${id}`,
    organizationIds: ['org-1'],
    installationIds: ['i'],
    deviceIds: ['d-1', 'd-2'],
    from: '2026-04-04T03:00:00Z',
    to: '2026-04-05T03:00:00Z',
    rows: 48,
    answeredAt: '2026-04-07T10:00:00Z',
    ...data,
  },
});

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
    expect(written[0]![0]).toEqual({
      eventId: 'a',
      consumerId: 'c-1',
      clientId: 'c-1',
      method: 'GET',
      route: '/v1/measurements',
      url: '/v1/measurements?installationId=i',
      status: 200,
      requestId: 'req-a',
      organizationIds: ['org-1'],
      installationIds: ['i'],
      unitId: null,
      deviceIds: ['d-1', 'd-2'],
      from: '2026-04-04T03:00:00.000Z',
      to: '2026-04-05T03:00:00.000Z',
      rows: 48,
      answeredAt: '2026-04-07T10:00:00.000Z',
    });
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
