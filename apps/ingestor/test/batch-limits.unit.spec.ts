import { describe, expect, it } from 'vitest';
import { INGEST_TOKEN, auth, switchableIngestor } from './ingestor-fixtures.ts';

const ingestor = switchableIngestor();

const line = (i: number) => `{"deviceId":"d${i % 10}","variable":"v","ts":"2026-04-04T03:00:00Z","value":${i}}`;

describe('ingest batch limits', () => {
  it('refuses 100 001 readings, as JSON or NDJSON, with 413 INGEST_BATCH_TOO_LARGE and publishes nothing', async () => {
    const lines = Array.from({ length: 100_001 }, (_, i) => line(i));
    const asJson = await ingestor.app.inject({
      method: 'POST',
      url: '/v1/ingest/measurements',
      payload: `{"readings":[${lines.join(',')}]}`,
      headers: { ...auth(INGEST_TOKEN), 'content-type': 'application/json' },
    });
    expect(asJson.statusCode).toBe(413);
    expect(asJson.json()).toMatchObject({
      code: 'INGEST_BATCH_TOO_LARGE',
      detail: 'at most 100000 readings per request',
    });
    const asNdjson = await ingestor.app.inject({
      method: 'POST',
      url: '/v1/ingest/measurements',
      payload: lines.join('\n'),
      headers: { ...auth(INGEST_TOKEN), 'content-type': 'application/x-ndjson' },
    });
    expect(asNdjson.statusCode).toBe(413);
    expect(asNdjson.json().code).toBe('INGEST_BATCH_TOO_LARGE');
    expect(ingestor.bus.published).toBe(0);
  });

  it('accepts exactly 100 000 NDJSON readings, in events of at most 2 000 readings of one device', async () => {
    const res = await ingestor.app.inject({
      method: 'POST',
      url: '/v1/ingest/measurements',
      payload: Array.from({ length: 100_000 }, (_, i) => line(i)).join('\n'),
      headers: { ...auth(INGEST_TOKEN), 'content-type': 'application/x-ndjson' },
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ accepted: 100_000, rejected: [] });
    expect(ingestor.bus.published).toBe(10 * 5);
  });
});
