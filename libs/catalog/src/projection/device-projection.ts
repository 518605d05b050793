import type { CatalogEvent } from '@medido/contracts';
import { UNCHANGED, type DeviceDoc, type Projected } from './documents.ts';
import { alive, bury, emptyLifecycle, put, register } from './lww.ts';
import { versionOf, type Version } from './version.ts';

export type DeviceEvent = Extract<CatalogEvent, { type: `Device${string}` }>;

const CLEARED: Omit<DeviceDoc, 'deviceId' | 'live' | '_meta'> = {
  installationId: null,
  unitId: null,
  name: null,
  model: null,
  status: null,
  variables: [],
};

export function emptyDevice(deviceId: string): DeviceDoc {
  return { deviceId, live: false, ...structuredClone(CLEARED), _meta: emptyLifecycle() };
}

/** Installation and unit are one placement: a move without a unit leaves the device in no unit. */
function place(doc: DeviceDoc, installationId: string, unitId: string | undefined, v: Version): boolean[] {
  return [put(doc, 'installationId', installationId, v), put(doc, 'unitId', unitId ?? null, v)];
}

/**
 * Pure: the device document after `event`, or UNCHANGED. Optional fields an event leaves out are
 * not stated by it, so they keep their value (a re-sent registration does not erase a later rename).
 */
export function projectDevice(event: DeviceEvent, current: DeviceDoc | null): Projected<DeviceDoc> {
  const doc = current ? structuredClone(current) : emptyDevice(event.data.deviceId);
  const v = versionOf(event);
  const changes: boolean[] = [];
  switch (event.type) {
    case 'DeviceRegistered': {
      const { installationId, unitId, name, model, variables } = event.data;
      changes.push(
        register(doc._meta, v),
        ...place(doc, installationId, unitId, v),
        put(doc, 'variables', variables, v),
      );
      if (name !== undefined) changes.push(put(doc, 'name', name, v));
      if (model !== undefined) changes.push(put(doc, 'model', model, v));
      break;
    }
    case 'DeviceUpdated': {
      const { name, model, variables } = event.data;
      if (name !== undefined) changes.push(put(doc, 'name', name, v));
      if (model !== undefined) changes.push(put(doc, 'model', model, v));
      if (variables !== undefined) changes.push(put(doc, 'variables', variables, v));
      break;
    }
    case 'DeviceMoved':
      changes.push(...place(doc, event.data.installationId, event.data.unitId, v));
      break;
    case 'DeviceStatusChanged':
      changes.push(put(doc, 'status', event.data.status, v));
      break;
    case 'DeviceRemoved':
      changes.push(bury(doc, CLEARED, v));
      break;
    default: {
      const _exhaustive: never = event;
      throw new TypeError(`not a device event: ${JSON.stringify(_exhaustive)}`);
    }
  }
  if (!changes.some(Boolean)) return UNCHANGED;
  doc.live = alive(doc._meta);
  return doc;
}
