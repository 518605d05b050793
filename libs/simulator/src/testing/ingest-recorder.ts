import Fastify, { type FastifyInstance } from 'fastify';
import type { ingestor } from '@medido/client';
import type { IngestReading } from '@medido/contracts';

export interface RecordedRequest<T> {
  at: number;
  status: number;
  items: T[];
}

/** What the recorder answers to one request; by default 202 with every item accepted. */
export type Answer = { status: number; headers?: Record<string, string>; body: unknown } | undefined;

export interface IngestRecorder {
  url: string;
  token: string;
  catalog: RecordedRequest<ingestor.CatalogEventInput>[];
  measurements: RecordedRequest<IngestReading>[];
  /** Overrides the answer to the n-th (0-based) measurements request. */
  answerMeasurements: (index: number, readings: IngestReading[]) => Answer;
  close(): Promise<void>;
}

/**
 * A stand-in for the ingestor's public HTTP surface (no bus, no store): it checks the bearer token,
 * records every request in arrival order and answers like the ingestor (202 `{accepted, rejected}`,
 * problem+json errors).
 */
export async function startIngestRecorder(token = 'test-ingest-token'): Promise<IngestRecorder> {
  const app: FastifyInstance = Fastify({ bodyLimit: 64 * 1024 * 1024 });
  const recorder: IngestRecorder = {
    url: '',
    token,
    catalog: [],
    measurements: [],
    answerMeasurements: () => undefined,
    close: () => app.close(),
  };
  app.addHook('onRequest', async (request, reply) => {
    if (request.headers.authorization !== `Bearer ${token}`) {
      await reply
        .code(401)
        .type('application/problem+json')
        .send(problemBody(401, 'AUTH_CREDENTIAL_INVALID', 'unknown ingest credential'));
    }
  });
  app.post<{ Body: { events: ingestor.CatalogEventInput[] } }>('/v1/ingest/catalog', async (request, reply) => {
    recorder.catalog.push({ at: Date.now(), status: 202, items: request.body.events });
    return reply.code(202).send({ accepted: request.body.events.length, rejected: [] });
  });
  app.post<{ Body: { readings: IngestReading[] } }>('/v1/ingest/measurements', async (request, reply) => {
    const readings = request.body.readings;
    const answer = recorder.answerMeasurements(recorder.measurements.length, readings) ?? {
      status: 202,
      body: { accepted: readings.length, rejected: [] },
    };
    recorder.measurements.push({ at: Date.now(), status: answer.status, items: readings });
    if (answer.status >= 400) void reply.type('application/problem+json');
    return reply
      .code(answer.status)
      .headers(answer.headers ?? {})
      .send(answer.body);
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  recorder.url = address;
  return recorder;
}

export const problemBody = (status: number, code: string, detail: string) => ({
  type: `https://medido.dev/problems/${code}`,
  title: code,
  status,
  code,
  detail,
});

/** (device, variable, ts): the identity of a reading in the read model. */
export const readingKey = (r: IngestReading) => `${r.deviceId}|${r.variable}|${r.ts}`;

/** A logger that keeps what it was told, for assertions. */
export function memoryLogger() {
  const lines: { level: string; obj: object; msg: string | undefined }[] = [];
  const at = (level: string) => (obj: object, msg?: string) => {
    lines.push({ level, obj, msg });
  };
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}
