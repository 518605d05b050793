import { randomUUID } from 'node:crypto';
import { TOPICS } from '@medido/contracts';
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, INGEST_TOKEN, auth, readBack, reading, switchableIngestor } from './ingestor-fixtures.ts';

const ingestor = switchableIngestor();

describe('when the event bus does not acknowledge', () => {
  it('answers 503 with Retry-After, reports nothing accepted, and the same request succeeds once the bus is back', async () => {
    const eventId = randomUUID();
    const requests = [
      {
        url: '/v1/ingest/measurements',
        payload: { readings: [reading({ deviceId: 'outage' }), reading({ deviceId: 'outage', value: Number.NaN })] },
        token: INGEST_TOKEN,
      },
      {
        url: '/v1/ingest/catalog',
        payload: {
          events: [
            {
              id: eventId,
              type: 'OrganizationRegistered',
              data: { organizationId: 'org-o', name: 'O', visibility: 'public' },
            },
          ],
        },
        token: INGEST_TOKEN,
      },
      {
        url: '/v1/admin/consumers',
        payload: { consumerId: 'c-outage', name: 'O', email: 'o@example.cl', subject: 'o' },
        token: ADMIN_TOKEN,
      },
    ];
    ingestor.bus.available = false;
    for (const { url, payload, token } of requests) {
      const res = await ingestor.app.inject({ method: 'POST', url, payload, headers: auth(token) });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json()).toEqual({
        type: 'https://medido.dev/problems/event-bus-unavailable',
        title: 'The event bus did not acknowledge; retry later',
        status: 503,
        code: 'EVENT_BUS_UNAVAILABLE',
        instance: url,
      });
    }
    const ready = await ingestor.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['retry-after']).toBe('5');
    expect(ready.json()).toEqual({
      status: 'unavailable',
      checks: [{ name: 'event-bus', status: 'down', error: 'switched off' }],
    });
    expect(ingestor.bus.published).toBe(0);

    ingestor.bus.available = true;
    const answers = [];
    for (const { url, payload, token } of requests)
      answers.push(await ingestor.app.inject({ method: 'POST', url, payload, headers: auth(token) }));
    expect(answers.map((a) => a.statusCode)).toEqual([202, 202, 202]);
    expect(answers[0]!.json()).toMatchObject({ accepted: 1, rejected: [{ index: 1, code: 'READING_INVALID' }] });
    expect(
      (await readBack(ingestor.embedded, TOPICS.catalog, 1)).map((r) => JSON.parse(r.value!.toString()).id),
    ).toEqual([eventId]);
    expect((await ingestor.app.inject({ method: 'GET', url: '/health/ready' })).json()).toEqual({
      status: 'ok',
      checks: [{ name: 'event-bus', status: 'ok' }],
    });
  });
});
