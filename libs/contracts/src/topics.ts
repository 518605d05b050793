/**
 * Kafka topic and header names: the one place they are spelled.
 * Topic names carry a major version; a breaking change to a topic's records gets a new topic.
 */
export const TOPICS = {
  /** key = deviceId; value = a MeasurementsRecorded CloudEvent (a batch of readings of one device). */
  measurements: 'medido.measurements.v1',
  /** key = aggregate id (organizationId, installationId for installations and their units, deviceId). */
  catalog: 'medido.catalog.v1',
  /** key = consumerId; API consumers and their webhook subscriptions (SubscriptionCreated, …Deleted, …Resumed). */
  consumers: 'medido.consumers.v1',
  /** key = consumerId; value = an ApiReadAnswered CloudEvent (who read what through the read API). */
  access: 'medido.access.v1',
  /** Records that can never be projected, with their coordinates and the reason. */
  deadLetter: 'medido.deadletter.v1',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

/** Kafka record headers Medido writes. Values are UTF-8 strings. */
export const HEADERS = {
  contentType: 'content-type',
  /** The HTTP request id that produced the record, so one reading can be traced from ingest to projection. */
  requestId: 'medido-request-id',
  /** CloudEvents `type`, duplicated as a header so consumers can route without parsing the value. */
  eventType: 'ce-type',
} as const;

export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json; charset=utf-8';
