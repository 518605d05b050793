import { describe, expect, it } from 'vitest';
import { event, minute } from '../src/testing/catalog-events.fixture.ts';
import { outcomesOfAllOrders } from './projection-orders.ts';
import { projectConsumer } from '../src/projection/consumer-projection.ts';
import { UNCHANGED, type ConsumerDoc } from '../src/projection/documents.ts';
import { versionOf } from '../src/projection/version.ts';
import type { ConsumerEvent } from '@medido/contracts';

const fold = (events: ConsumerEvent[]) => events.reduce<ConsumerDoc | null>((doc, e) => {
  const next = projectConsumer(e, doc);
  return next === UNCHANGED ? doc : next;
}, null);

describe('projectConsumer', () => {
  const created = event('ApiConsumerCreated', { consumerId: 'c-1', name: 'Ana', email: 'ana@example.cl', subject: 'sub-ana', grants: ['org-1'], expiresAt: '2027-01-01T00:00:00Z' }, 1);
  const grantsLate = event('ApiConsumerGrantChanged', { consumerId: 'c-1', grants: ['org-1', 'org-2'] }, 3);
  const grantsEarly = event('ApiConsumerGrantChanged', { consumerId: 'c-1', grants: [] }, 2);
  const disabledSecond = event('ApiConsumerDisabled', { consumerId: 'c-1', reason: 'second' }, 5);
  const disabledFirst = event('ApiConsumerDisabled', { consumerId: 'c-1', reason: 'first' }, 4);

  it('keeps the newest grants and the FIRST disable, whatever the order', () => {
    const expected: ConsumerDoc = {
      consumerId: 'c-1', live: true, name: 'Ana', email: 'ana@example.cl', subject: 'sub-ana', grants: ['org-1', 'org-2'],
      expiresAt: '2027-01-01T00:00:00.000Z', disabled: true, disabledAt: minute(4), disabledReason: 'first',
      _meta: {
        born: versionOf(created),
        fields: {
          name: versionOf(created), email: versionOf(created), subject: versionOf(created), grants: versionOf(grantsLate),
          expiresAt: versionOf(created), disabled: versionOf(disabledFirst),
        },
      },
    };
    expect(outcomesOfAllOrders([created, grantsLate, grantsEarly, disabledSecond, disabledFirst], projectConsumer)).toEqual([expected]);
    expect(projectConsumer(disabledSecond, expected)).toBe(UNCHANGED);
  });

  it('is not live until created, even when other events came first', () => {
    expect(fold([grantsLate, disabledFirst])).toMatchObject({ live: false, grants: ['org-1', 'org-2'], disabled: true, subject: null });
  });
});
