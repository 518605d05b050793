import { CloudEvent, Kafka } from 'cloudevents';
import type { IncomingRecord } from '@medido/event-bus';
import { describe, expect, it } from 'vitest';
import { decodeRecord } from '../src/record-decoder.ts';

/**
 * Records a pipeline writes to Kafka itself, produced with the official CloudEvents SDK's Kafka
 * binding: both of its modes decode to the same event (issue 17 §4: binary mode was dead-lettered).
 */
const TYPES = new Set(['MeasurementsRecorded']);
const data = {
  deviceId: 'dev-k',
  readings: [{ variable: 'active_power', ts: '2026-04-04T03:00:00.000Z', value: 1.5 }],
};
const event = new CloudEvent({
  type: 'MeasurementsRecorded',
  source: '/pipelines/acme',
  time: '2026-04-04T03:00:01.000Z',
  sequence: '0000000007',
  partitionkey: 'dev-k',
  data,
});

function record(message: { key?: unknown; value?: unknown; headers?: Record<string, unknown> }): IncomingRecord {
  const bytes = (v: unknown) =>
    v === undefined || v === null ? null : Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));
  // The SDK leaves unset attributes as undefined headers; a Kafka client sends no such header.
  const headers = Object.fromEntries(
    Object.entries(message.headers ?? {})
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, Buffer.from(String(v))]),
  );
  return {
    topic: 'medido.measurements.v1',
    partition: 0,
    offset: '0',
    key: bytes(message.key),
    value: bytes(message.value),
    headers,
    timestamp: 0,
  };
}

describe('decodeRecord', () => {
  it('decodes a binary-mode record (ce_* headers, the data as value) like a structured one', () => {
    const binary = decodeRecord(record(Kafka.binary(event)), TYPES);
    const structured = decodeRecord(record(Kafka.structured(event)), TYPES);
    expect(binary.ok && structured.ok).toBe(true);
    if (!binary.ok || !structured.ok) return;
    expect(binary.event).toMatchObject({
      id: event.id,
      type: 'MeasurementsRecorded',
      source: '/pipelines/acme',
      sequence: '0000000007',
      data,
    });
    expect(binary.event.data).toEqual(structured.event.data);
  });

  it('reads the sequence extension as a digit string or, from older producers, an integer; anything else is invalid', () => {
    const structured = (sequence: unknown) => record({ value: { ...JSON.parse(event.toString()), sequence } });
    expect(decodeRecord(structured('0000000003'), TYPES).ok).toBe(true);
    expect(decodeRecord(structured(3), TYPES).ok).toBe(true);
    expect(decodeRecord(structured('third'), TYPES)).toMatchObject({
      ok: false,
      failure: { code: 'EVENT_ENVELOPE_INVALID' },
    });
  });

  it('dead-letters binary-mode data that is not JSON, or says it is not', () => {
    const message = Kafka.binary(event);
    expect(decodeRecord(record({ ...message, value: '{"deviceId":' }), TYPES)).toMatchObject({
      ok: false,
      failure: { code: 'RECORD_NOT_JSON' },
    });
    expect(
      decodeRecord(record({ ...message, headers: { ...message.headers, 'content-type': 'text/csv' } }), TYPES),
    ).toMatchObject({
      ok: false,
      failure: { code: 'EVENT_ENVELOPE_INVALID', message: expect.stringContaining('text/csv') },
    });
  });

  it('dead-letters a record with a duplicate member (JSON.parse would keep the last) or a __proto__ member', () => {
    const text = event.toString();
    const twice = text.replace('"deviceId":"dev-k"', '"deviceId":"dev-k","deviceId":"dev-other"');
    expect(decodeRecord(record({ value: twice }), TYPES)).toMatchObject({
      ok: false,
      failure: { code: 'RECORD_MEMBER_REFUSED', message: expect.stringContaining('/data/deviceId') },
    });
    const message = Kafka.binary(event);
    expect(
      decodeRecord(record({ ...message, value: '{"__proto__":{},"deviceId":"dev-k","readings":[]}' }), TYPES),
    ).toMatchObject({
      ok: false,
      failure: { code: 'RECORD_MEMBER_REFUSED', message: expect.stringContaining('__proto__') },
    });
  });

  it('refuses a reading beyond 10^15 in a record written straight to Kafka', () => {
    const big = new CloudEvent({
      ...event,
      id: 'big',
      data: { ...data, readings: [{ ...data.readings[0], value: 1e308 }] },
    });
    expect(decodeRecord(record(Kafka.binary(big)), TYPES)).toMatchObject({
      ok: false,
      failure: { code: 'EVENT_DATA_INVALID' },
    });
  });
});
