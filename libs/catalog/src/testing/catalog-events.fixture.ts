import {
  decodeEvent,
  type CatalogEvent,
  type ConsumerEvent,
  type DeviceStatus,
  type EventDataOf,
  type MedidoEvent,
  type SubscriptionEvent,
} from '@medido/contracts';
import { mulberry32 } from '@medido/platform/testing/seeded-random';

export type TestEvent = CatalogEvent | ConsumerEvent | SubscriptionEvent;
type TestEventType = TestEvent['type'];

/** Minutes after this instant: every fixture's clock. */
export const EPOCH = Date.parse('2026-03-02T12:00:00.000Z');
export const minute = (n: number): string => new Date(EPOCH + n * 60_000).toISOString();

let counter = 0;

/**
 * A valid CloudEvent of `type` at minute `at` (sequence `sequence` inside its request). Ids are
 * unique and stable within a run; each fixture is checked against the contracts' schemas.
 */
export function event<T extends TestEventType>(
  type: T,
  data: EventDataOf<T>,
  at: number,
  sequence?: number,
): Extract<MedidoEvent, { type: T }> {
  counter += 1;
  const candidate = {
    specversion: '1.0',
    id: `evt-${String(counter).padStart(4, '0')}`,
    source: '/tests/catalog',
    type,
    time: minute(at),
    datacontenttype: 'application/json',
    ...(sequence === undefined ? {} : { sequence }),
    data,
  };
  const decoded = decodeEvent(candidate);
  if (!decoded.ok)
    throw new TypeError(`fixture ${type} is invalid: ${decoded.message} ${JSON.stringify(decoded.issues)}`);
  return decoded.event as Extract<MedidoEvent, { type: T }>;
}

export const statusChanged = (deviceId: string, status: DeviceStatus, at: number, sequence?: number) =>
  event('DeviceStatusChanged', { deviceId, status }, at, sequence);

export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const next = mulberry32(seed); // seeded, so a failing shuffle replays from its seed
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** Every event twice (a redelivery or a replay), in a shuffled order. */
export const duplicated = <T>(items: readonly T[], seed: number): T[] => shuffled([...items, ...items], seed);
