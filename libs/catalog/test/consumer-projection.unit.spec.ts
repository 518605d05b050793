import { describe, expect, it } from 'vitest';
import { event, minute } from '../src/testing/catalog-events.fixture.ts';
import { outcomesOfAllOrders } from './projection-orders.ts';
import { projectConsumer } from '../src/projection/consumer-projection.ts';
import { UNCHANGED, type ConsumerDoc } from '../src/projection/documents.ts';
import { versionOf } from '../src/projection/version.ts';
import type { ConsumerEvent } from '@medido/contracts';

const fold = (events: ConsumerEvent[]) =>
  events.reduce<ConsumerDoc | null>((doc, e) => {
    const next = projectConsumer(e, doc);
    return next === UNCHANGED ? doc : next;
  }, null);

describe('projectConsumer', () => {
  const created = event(
    'ApiConsumerCreated',
    {
      consumerId: 'c-1',
      name: 'Ana',
      email: 'ana@example.cl',
      subject: 'sub-ana',
      grants: ['org-1'],
      expiresAt: '2027-01-01T00:00:00Z',
    },
    1,
  );
  const grantsLate = event('ApiConsumerGrantChanged', { consumerId: 'c-1', grants: ['org-1', 'org-2'] }, 3);
  const grantsEarly = event('ApiConsumerGrantChanged', { consumerId: 'c-1', grants: [] }, 2);
  const disabledSecond = event('ApiConsumerDisabled', { consumerId: 'c-1', reason: 'second' }, 5);
  const disabledFirst = event('ApiConsumerDisabled', { consumerId: 'c-1', reason: 'first' }, 4);
  const enabled = event('ApiConsumerEnabled', { consumerId: 'c-1' }, 6);
  const disabledAgain = event('ApiConsumerDisabled', { consumerId: 'c-1', reason: 'again' }, 7);
  const meta = (status: ReturnType<typeof versionOf>) => ({
    born: versionOf(created),
    fields: {
      name: versionOf(created),
      email: versionOf(created),
      subject: versionOf(created),
      grants: versionOf(grantsLate),
      expiresAt: versionOf(created),
      disabled: status,
    },
  });
  const base = {
    consumerId: 'c-1',
    live: true,
    name: 'Ana',
    email: 'ana@example.cl',
    subject: 'sub-ana',
    grants: ['org-1', 'org-2'],
    expiresAt: '2027-01-01T00:00:00.000Z',
  };

  it('keeps the newest grants and the newest status event, whatever the order', () => {
    const expected: ConsumerDoc = {
      ...base,
      disabled: true,
      disabledAt: minute(5),
      disabledReason: 'second',
      _meta: meta(versionOf(disabledSecond)),
    };
    expect(
      outcomesOfAllOrders([created, grantsLate, grantsEarly, disabledSecond, disabledFirst], projectConsumer),
    ).toEqual([expected]);
    expect(projectConsumer(disabledSecond, expected)).toBe(UNCHANGED);
    expect(projectConsumer(disabledFirst, expected)).toBe(UNCHANGED);
  });

  it('enables a disabled consumer again, and a later disable ends it again, whatever the order', () => {
    const enabledDoc: ConsumerDoc = {
      ...base,
      disabled: false,
      disabledAt: null,
      disabledReason: null,
      _meta: meta(versionOf(enabled)),
    };
    expect(outcomesOfAllOrders([created, grantsLate, disabledFirst, enabled, disabledSecond], projectConsumer)).toEqual(
      [enabledDoc],
    );
    expect(projectConsumer(enabled, enabledDoc)).toBe(UNCHANGED);
    const again: ConsumerDoc = {
      ...base,
      disabled: true,
      disabledAt: minute(7),
      disabledReason: 'again',
      _meta: meta(versionOf(disabledAgain)),
    };
    expect(outcomesOfAllOrders([created, grantsLate, disabledFirst, enabled, disabledAgain], projectConsumer)).toEqual([
      again,
    ]);
  });

  it('is not live until created, even when other events came first', () => {
    expect(fold([grantsLate, disabledFirst])).toMatchObject({
      live: false,
      grants: ['org-1', 'org-2'],
      disabled: true,
      subject: null,
    });
  });
});
