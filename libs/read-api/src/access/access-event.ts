import { randomUUID } from 'node:crypto';
import {
  CLOUDEVENTS_CONTENT_TYPE,
  dataSchemaUrn,
  EVENT_SOURCES,
  HEADERS,
  type ApiReadAnsweredData,
  type CloudEventEnvelope,
} from '@medido/contracts';
import type { ApiCaller } from '../auth/api-caller.ts';
import type { AccessNote } from './access-note.ts';

/** The answered request, as the onResponse hook sees it. */
export interface AnsweredRequest {
  id: string;
  method: string;
  /** Route pattern (`/v1/devices/:id`); the URL when no route matched. */
  route: string;
  url: string;
  status: number;
  note: AccessNote | null;
  answeredAt: number;
}

export const MAX_RECORDED_URL = 2048;
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** The ApiReadAnswered CloudEvent of one answered read. Only a success carries rows; a 304 or an error returned none. */
export function accessEventOf(
  caller: ApiCaller,
  answered: AnsweredRequest,
  newId: () => string = randomUUID,
): CloudEventEnvelope & { data: ApiReadAnsweredData } {
  const note = answered.note;
  const from = iso(note?.from);
  const to = iso(note?.to);
  const data: ApiReadAnsweredData = {
    consumerId: caller.consumerId,
    clientId: caller.clientId,
    method: answered.method,
    route: answered.route,
    url: answered.url.slice(0, MAX_RECORDED_URL),
    status: answered.status,
    requestId: answered.id,
    organizationIds: note?.organizationIds ?? [],
    installationIds: note?.installationIds ?? [],
    ...(note?.unitId ? { unitId: note.unitId } : {}),
    deviceIds: note?.deviceIds ?? [],
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    rows: answered.status >= 200 && answered.status < 300 ? (note?.rows ?? 0) : 0,
    answeredAt: new Date(answered.answeredAt).toISOString(),
  };
  return {
    specversion: '1.0',
    id: newId(),
    source: EVENT_SOURCES.api,
    type: 'ApiReadAnswered',
    time: data.answeredAt,
    subject: caller.consumerId,
    datacontenttype: 'application/json',
    dataschema: dataSchemaUrn('ApiReadAnswered'),
    data,
  };
}

/** The Kafka record of an access event: keyed by consumer, so one consumer's records stay in order. */
export function accessKafkaRecord(event: CloudEventEnvelope & { data: ApiReadAnsweredData }) {
  return {
    key: event.data.consumerId,
    value: JSON.stringify(event),
    headers: {
      [HEADERS.contentType]: CLOUDEVENTS_CONTENT_TYPE,
      [HEADERS.eventType]: event.type,
      [HEADERS.requestId]: event.data.requestId,
    },
  };
}
