import Type from 'typebox';
import { DeviceId, validate } from '@medido/contracts';
import { MedidoError } from '@medido/platform';
import { MalformedLine } from '../measurements/reading-check.ts';
import { checkCloudEvent } from './cloudevents-http.ts';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** MeasurementsRecorded data as a producer sends it; each reading is checked on its own afterwards. */
const ReadingsData = Type.Object(
  { deviceId: DeviceId, readings: Type.Array(Type.Unknown()) },
  { additionalProperties: false },
);

/**
 * The readings of MeasurementsRecorded CloudEvents (the same event the ingestor writes to Kafka), as
 * items of `POST /v1/ingest/measurements` in request order: `{deviceId, ...reading}`, `index` counting
 * readings across the events. An event that is not a MeasurementsRecorded CloudEvent is the
 * producer's bug, not a bad reading: the whole request is 400 REQUEST_INVALID, nothing published.
 */
export function readingItemsOf(events: unknown[]): unknown[] {
  const items: unknown[] = [];
  events.forEach((value, index) => {
    const checked = checkCloudEvent(value, index);
    if (!checked.ok) throw new MedidoError('REQUEST_INVALID', 'not a CloudEvent', { issues: checked.issues });
    const { event } = checked;
    if (event.type !== 'MeasurementsRecorded') {
      throw new MedidoError(
        'REQUEST_INVALID',
        `event ${index} has type ${JSON.stringify(event.type)}; this endpoint takes MeasurementsRecorded (catalog events go to /v1/ingest/catalog)`,
      );
    }
    const data = validate<{ deviceId: string; readings: unknown[] }>(ReadingsData, event.data);
    if (!data.ok) {
      throw new MedidoError('REQUEST_INVALID', `data of event ${index} is not {"deviceId", "readings": [...]}`, {
        issues: data.issues.map((i) => ({ path: `/${index}/data${i.path === '/' ? '' : i.path}`, message: i.message })),
      });
    }
    const { deviceId, readings } = data.value;
    for (const reading of readings) {
      if (isRecord(reading) && Object.hasOwn(reading, 'deviceId')) {
        items.push(
          new MalformedLine(
            'a reading of MeasurementsRecorded has no deviceId of its own: it is data.deviceId',
            '',
            'READING_INVALID',
          ),
        );
      } else {
        items.push(isRecord(reading) ? { deviceId, ...reading } : reading);
      }
    }
  });
  return items;
}

/**
 * Catalog CloudEvents as items of `POST /v1/ingest/catalog`: `type`, `data`, `id` and `time` are what
 * the ingestor keeps (it completes the envelope as for any item); an event whose context attributes
 * are invalid is rejected on its own, EVENT_INVALID, like a malformed item.
 */
export function catalogItemsOf(events: unknown[]): unknown[] {
  return events.map((value, index) => {
    const checked = checkCloudEvent(value, index);
    if (!checked.ok)
      return new MalformedLine(
        `not a CloudEvent: ${checked.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
        '',
        'EVENT_INVALID',
      );
    const { type, data, id, time } = checked.event;
    return { type, data, id, ...(time === undefined ? {} : { time }) };
  });
}
