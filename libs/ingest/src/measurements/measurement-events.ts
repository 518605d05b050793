import { randomUUID } from 'node:crypto';
import {
  CLOUDEVENTS_CONTENT_TYPE,
  EVENT_SOURCES,
  HEADERS,
  dataSchemaUrn,
  type MeasurementsRecorded,
  type RecordedReading,
} from '@medido/contracts';
import type { OutgoingRecord } from '@medido/event-bus';

/**
 * Turns accepted readings into MeasurementsRecorded records: one event per device and chunk of at
 * most `perEvent` readings, keyed by device id so a device's readings stay in one partition, in
 * the order the request listed them.
 */
export function measurementRecords(
  byDevice: Map<string, RecordedReading[]>,
  options: { perEvent: number; now: number; requestId: string },
): OutgoingRecord[] {
  const time = new Date(options.now).toISOString();
  const records: OutgoingRecord[] = [];
  for (const [deviceId, readings] of byDevice) {
    for (let start = 0; start < readings.length; start += options.perEvent) {
      const event: MeasurementsRecorded = {
        specversion: '1.0',
        id: randomUUID(),
        source: EVENT_SOURCES.ingestor,
        type: 'MeasurementsRecorded',
        time,
        subject: deviceId,
        datacontenttype: 'application/json',
        dataschema: dataSchemaUrn('MeasurementsRecorded'),
        data: { deviceId, readings: readings.slice(start, start + options.perEvent) },
      };
      records.push({
        key: deviceId,
        value: JSON.stringify(event),
        headers: eventHeaders(event.type, options.requestId),
      });
    }
  }
  return records;
}

export function eventHeaders(type: string, requestId: string): Record<string, string> {
  return { [HEADERS.contentType]: CLOUDEVENTS_CONTENT_TYPE, [HEADERS.eventType]: type, [HEADERS.requestId]: requestId };
}
