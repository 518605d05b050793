import { describe, expect, it } from 'vitest';
import { routeEvent, UNCHANGED } from '../src/event-routes.ts';
import { duplicated, event, shuffled, type TestEvent } from '../src/testing/catalog-events.fixture.ts';
import { HISTORY } from '../src/testing/catalog-history.fixture.ts';

/** The whole history folded into in-memory documents, keyed `collection/id`. */
function foldAll(events: readonly TestEvent[]): Map<string, unknown> {
  const docs = new Map<string, unknown>();
  for (const e of events) {
    const route = routeEvent(e);
    const key = `${route.collection}/${route.id}`;
    const next = (route.project as (doc: unknown) => unknown)(docs.get(key) ?? null);
    if (next !== UNCHANGED) docs.set(key, next);
  }
  return docs;
}

describe('catalog projection', () => {
  it("routes each event to its aggregate's document, units to their installation", () => {
    const routes = HISTORY.map((e) => `${e.type} → ${routeEvent(e).collection}/${routeEvent(e).id}`);
    expect(routes.filter((r) => /^(Unit|Device(Moved|Removed)|ApiConsumerDisabled)/.test(r))).toEqual([
      'UnitAdded → installations/inst-1',
      'UnitAdded → installations/inst-1',
      'UnitAdded → installations/inst-1',
      'UnitAdded → installations/inst-2',
      'UnitRenamed → installations/inst-1',
      'UnitRemoved → installations/inst-1',
      'DeviceMoved → devices/dev-2',
      'DeviceRemoved → devices/dev-3',
      'UnitAdded → installations/inst-2',
      'ApiConsumerDisabled → consumers/c-2',
    ]);
  });

  it('stores identical documents, versions included, for 200 shuffled and duplicated deliveries of the history', () => {
    const inOrder = foldAll(HISTORY);
    expect([...inOrder.keys()].sort()).toEqual([
      'consumers/c-1',
      'consumers/c-2',
      'devices/dev-1',
      'devices/dev-2',
      'devices/dev-25',
      'devices/dev-3',
      'devices/dev-4',
      'installations/inst-1',
      'installations/inst-2',
      'installations/inst-3',
      'organizations/org-1',
      'organizations/org-2',
      'organizations/org-3',
    ]);
    for (let seed = 1; seed <= 100; seed++) {
      expect(foldAll(shuffled(HISTORY, seed))).toEqual(inOrder);
      expect(foldAll(duplicated(HISTORY, seed))).toEqual(inOrder);
    }
  });

  it('refuses an event it does not project', () => {
    const reading = {
      ...event('OrganizationRenamed', { organizationId: 'org-1', name: 'x' }, 1),
      type: 'MeasurementsRecorded',
    };
    expect(() => routeEvent(reading as unknown as TestEvent)).toThrow(/not a catalog or consumer event/);
  });
});
