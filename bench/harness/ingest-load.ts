import type { HttpClient } from './http-client.ts';
import type { IngestBody } from './fleet.ts';

export interface IngestProgress {
  requests: number;
  readings: number;
  lastAckAt: number;
}

/**
 * Posts every body of `bodies` to the ingestor with `concurrency` workers (each a keep-alive connection,
 * like that many meter pipelines), and fails on any answer but 202 with every reading accepted: the
 * bench only counts what the server acknowledged.
 */
export async function postAll(
  client: HttpClient,
  url: string,
  ingestToken: string,
  bodies: Iterator<IngestBody>,
  concurrency: number,
): Promise<IngestProgress> {
  const progress: IngestProgress = { requests: 0, readings: 0, lastAckAt: 0 };
  const headers = { authorization: `Bearer ${ingestToken}`, 'content-type': 'application/json' };
  const worker = async () => {
    for (let next = bodies.next(); !next.done; next = bodies.next()) {
      const answer = await client.send('POST', `${url}/v1/ingest/measurements`, headers, next.value.body);
      if (answer.status !== 202) throw new Error(`ingest answered ${answer.status}: ${answer.body.slice(0, 500)}`);
      const { accepted } = JSON.parse(answer.body) as { accepted: number };
      if (accepted !== next.value.readings)
        throw new Error(`ingest accepted ${accepted} of ${next.value.readings} readings: ${answer.body.slice(0, 500)}`);
      progress.requests += 1;
      progress.readings += accepted;
      progress.lastAckAt = performance.now();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return progress;
}
