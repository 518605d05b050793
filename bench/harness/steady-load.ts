import { VARIABLE, meterValue } from './fleet.ts';
import type { HttpClient } from './http-client.ts';
import type { BenchServer } from './server.ts';
import { sleep } from './stats.ts';

/** The spacing of the load's readings per meter. */
export const LOAD_STEP_MS = 15 * 60_000;
/** Readings in one load request: `METERS_PER_REQUEST` meters times a few consecutive slots each. */
export const READINGS_PER_REQUEST = 1_000;
export const METERS_PER_REQUEST = 100;
/** Requests allowed in flight at once; beyond it the schedule waits (the server is too slow for the rate). */
const MAX_IN_FLIGHT = 64;

/**
 * The bodies of a steady load over `liveMeters` meters (`meterId(m)` names meter m): request i covers one
 * group of `METERS_PER_REQUEST` meters, the groups in turn, and in every round the next slots after
 * `liveStart` at 15-minute spacing, so no reading repeats and each meter's times rise.
 */
export function steadyLoadBodies(
  meterId: (m: number) => string,
  liveMeters: number,
  liveStart: number,
): (i: number) => string {
  const slotsPerRequest = READINGS_PER_REQUEST / METERS_PER_REQUEST;
  const groups = liveMeters / METERS_PER_REQUEST;
  return (i) => {
    const group = i % groups;
    const slot0 = Math.floor(i / groups) * slotsPerRequest;
    const items: string[] = [];
    for (let m = group * METERS_PER_REQUEST; m < (group + 1) * METERS_PER_REQUEST; m++) {
      for (let k = 0; k < slotsPerRequest; k++) {
        const t = liveStart + (slot0 + k) * LOAD_STEP_MS;
        items.push(
          `{"deviceId":"${meterId(m)}","variable":"${VARIABLE}","ts":"${new Date(t).toISOString()}","value":${meterValue(m, t)}}`,
        );
      }
    }
    return `{"readings":[${items.join(',')}]}`;
  };
}

export interface SteadyLoad {
  /** performance.now() when the load started, and when its schedule ends. */
  startedAt: number;
  endAt: number;
  /** The first failure of the load or of what was handed to `fail`; once there is one the load stops sending. */
  failure: () => Error | undefined;
  fail: (error: unknown) => void;
  /** Settles once every request sent has been answered: the readings acknowledged, and over how long. */
  done: Promise<{ acknowledged: number; seconds: number }>;
}

/**
 * Starts an open-loop load of `rate` readings/s for `seconds` to the server's ingestor: request i starts on its
 * schedule whatever the earlier answers' latency (up to `MAX_IN_FLIGHT` at once), so a slow server shows
 * as a lower achieved rate rather than a slower schedule. Any answer but 202 is the load's failure. The
 * failure is shared with the caller (its probes `fail` it too), so either side stops the other.
 */
export function startSteadyLoad(
  http: HttpClient,
  server: Pick<BenchServer, 'url' | 'ingestToken'>,
  { rate, seconds }: { rate: number; seconds: number },
  bodyOf: (i: number) => string,
): SteadyLoad {
  const { url } = server;
  const ingest = { authorization: `Bearer ${server.ingestToken}`, 'content-type': 'application/json' };
  const intervalMs = (READINGS_PER_REQUEST / rate) * 1000;
  const requests = Math.round((rate * seconds) / READINGS_PER_REQUEST);
  const startedAt = performance.now();
  let inFlight = 0;
  let acknowledged = 0;
  let failure: Error | undefined;
  const fail = (error: unknown) => {
    failure ??= error as Error;
  };
  const done = (async () => {
    const sends: Promise<void>[] = [];
    for (let i = 0; i < requests && !failure; i++) {
      const due = startedAt + i * intervalMs;
      if (due > performance.now()) await sleep(due - performance.now());
      while (inFlight >= MAX_IN_FLIGHT && !failure) await sleep(1);
      inFlight += 1;
      sends.push(
        http
          .send('POST', `${url}/v1/ingest/measurements`, ingest, bodyOf(i))
          .then((answer) => {
            if (answer.status !== 202)
              throw new Error(`ingest answered ${answer.status}: ${answer.body.slice(0, 300)}`);
            acknowledged += READINGS_PER_REQUEST;
          })
          .catch(fail)
          .finally(() => {
            inFlight -= 1;
          }),
      );
    }
    await Promise.all(sends);
    return { acknowledged, seconds: (performance.now() - startedAt) / 1000 };
  })();
  return { startedAt, endAt: startedAt + seconds * 1000, failure: () => failure, fail, done };
}
