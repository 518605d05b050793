import { describe, expect, it } from 'vitest';
import { event, statusChanged } from '../src/testing/catalog-events.fixture.ts';
import { outcomesOfAllOrders } from './projection-orders.ts';
import { energy, gas } from '../src/testing/catalog-history.fixture.ts';
import { projectDevice, type DeviceEvent } from '../src/projection/device-projection.ts';
import { UNCHANGED, type DeviceDoc } from '../src/projection/documents.ts';
import { versionOf } from '../src/projection/version.ts';

function fold(events: DeviceEvent[]): DeviceDoc | null {
  return events.reduce<DeviceDoc | null>((doc, e) => {
    const next = projectDevice(e, doc);
    return next === UNCHANGED ? doc : next;
  }, null);
}

describe('projectDevice', () => {
  const registered = event(
    'DeviceRegistered',
    { deviceId: 'dev-1', installationId: 'inst-1', unitId: 'unit-a', name: 'M1', model: 'X', variables: [energy] },
    1,
  );
  const offline = statusChanged('dev-1', 'offline', 2);
  const moved = event('DeviceMoved', { deviceId: 'dev-1', installationId: 'inst-2' }, 3);
  const maintenance = statusChanged('dev-1', 'maintenance', 3, 1);
  const removed = event('DeviceRemoved', { deviceId: 'dev-1' }, 4);
  const renamed = event('DeviceUpdated', { deviceId: 'dev-1', name: 'M1b' }, 5);
  const again = event(
    'DeviceRegistered',
    { deviceId: 'dev-1', installationId: 'inst-3', unitId: 'unit-c', variables: [gas] },
    6,
  );
  const history = [registered, offline, moved, maintenance, removed, renamed, again];

  it('reaches the same document in all 5040 orders of a removal and a newer registration', () => {
    const expected: DeviceDoc = {
      deviceId: 'dev-1',
      live: true,
      installationId: 'inst-3',
      unitId: 'unit-c',
      name: 'M1b',
      model: null,
      status: null,
      variables: [gas],
      _meta: {
        born: versionOf(again),
        died: versionOf(removed),
        fields: {
          installationId: versionOf(again),
          unitId: versionOf(again),
          name: versionOf(renamed),
          variables: versionOf(again),
        },
      },
    };
    expect(outcomesOfAllOrders(history, projectDevice)).toEqual([expected]);
  });

  it('is removed by a removal newer than every registration, and an older registration cannot bring it back', () => {
    const before = [registered, offline, moved, maintenance, removed];
    const expected: DeviceDoc = {
      deviceId: 'dev-1',
      live: false,
      installationId: null,
      unitId: null,
      name: null,
      model: null,
      status: null,
      variables: [],
      _meta: { died: versionOf(removed), fields: {} },
    };
    expect(outcomesOfAllOrders(before, projectDevice)).toEqual([expected]);
    expect(projectDevice(registered, expected)).toBe(UNCHANGED);
  });

  it('moves installation and unit together and keeps fields an event does not state', () => {
    const doc = fold([registered, moved, event('DeviceUpdated', { deviceId: 'dev-1', model: 'Y' }, 5)]);
    expect(doc).toMatchObject({
      live: true,
      installationId: 'inst-2',
      unitId: null,
      name: 'M1',
      model: 'Y',
      variables: [energy],
    });
    const reRegistered = projectDevice(
      event('DeviceRegistered', { deviceId: 'dev-1', installationId: 'inst-2', variables: [energy] }, 6),
      doc,
    );
    expect(reRegistered).toMatchObject({ name: 'M1', model: 'Y' });
    for (const e of [registered, moved]) expect(projectDevice(e, doc)).toBe(UNCHANGED);
  });
});
