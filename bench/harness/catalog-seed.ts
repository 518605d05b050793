import type { HttpClient } from './http-client.ts';
import { eventually } from '@medido/platform/testing/eventually';

const EVENTS_PER_REQUEST = 5_000;

/** Registers catalog events through the ingestor and waits until the api serves the last device. */
export async function seedCatalog(
  http: HttpClient,
  url: string,
  ingestToken: string,
  accessToken: string,
  events: object[],
  lastDeviceId: string,
): Promise<void> {
  for (let i = 0; i < events.length; i += EVENTS_PER_REQUEST) {
    const answer = await http.send(
      'POST',
      `${url}/v1/ingest/catalog`,
      { authorization: `Bearer ${ingestToken}`, 'content-type': 'application/json' },
      JSON.stringify({ events: events.slice(i, i + EVENTS_PER_REQUEST) }),
    );
    if (answer.status !== 202)
      throw new Error(`catalog ingest answered ${answer.status}: ${answer.body.slice(0, 500)}`);
  }
  await eventually(
    async () =>
      (await http.send('GET', `${url}/v1/devices/${lastDeviceId}`, { authorization: `Bearer ${accessToken}` }))
        .status === 200,
    `device ${lastDeviceId} in the catalog`,
    120_000,
    200,
  );
}
