import type { FastifyInstance } from 'fastify';
import { ingestBody, registerReadings, type TestReading } from '@medido/projection/testing/readings.fixture';

export interface IngestLoadOptions {
  devices: string[];
  /** Readings per device in each request (each request carries the next steps of every device). */
  stepsPerRequest: number;
  /** Pause between a request's 202 and the next request: sets the rate. */
  pauseMs: number;
  /** Wait after a 503 before sending the same request again (the test's stand-in for Retry-After). */
  retryMs?: number;
}

export interface IngestLoad {
  /** Every reading of a request the ingestor answered 202. */
  accepted: TestReading[];
  stats: { accepted: number; unavailable: number; other: number[] };
  /** Sends no new request; resolves once the request in flight was acknowledged. */
  stop(): Promise<void>;
}

/**
 * A meter pipeline posting to the ingestor without pause: a 503 means "not now", so the same request
 * is sent again until it is acknowledged, as a real pipeline must (it cannot know whether the
 * refused records reached the broker; the store's idempotence makes the resend harmless).
 */
export function startIngestLoad(app: FastifyInstance, token: string, options: IngestLoadOptions): IngestLoad {
  const accepted: TestReading[] = [];
  const stats = { accepted: 0, unavailable: 0, other: [] as number[] };
  let stopping = false;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const loop = (async () => {
    for (let step = 0; !stopping; step += options.stepsPerRequest) {
      const readings = registerReadings(options.devices, step, step + options.stepsPerRequest);
      const payload = ingestBody(readings);
      let status = 503;
      while (status === 503) {
        status = (
          await app.inject({
            method: 'POST',
            url: '/v1/ingest/measurements',
            payload,
            headers: { authorization: `Bearer ${token}` },
          })
        ).statusCode;
        if (status === 503) {
          stats.unavailable++;
          await sleep(options.retryMs ?? 100);
        }
      }
      if (status === 202) {
        accepted.push(...readings);
        stats.accepted++;
      } else {
        stats.other.push(status);
      }
      await sleep(options.pauseMs);
    }
  })();
  return {
    accepted,
    stats,
    async stop() {
      stopping = true;
      await loop;
    },
  };
}
